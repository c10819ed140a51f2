package io.github.twostream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema versions: old databases are upgraded in place, keeping their data. */
class MigrationsTest {

	@TempDir
	Path tmp;

	@Test
	void version1DatabaseMigratesToCurrent() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("old"));
		final byte[] mask = TestProjects.scribble(new Random(1), 64 * 64);
		final Masks.Encoded enc = Masks.encode(mask);
		// A project as version 1 wrote it: project + labels + edits only.
		try (Connection c = oldDatabase(dir, 1); var s = c.createStatement()) {
			assertEquals(1, Migrations.version(c));
			s.execute("INSERT INTO project VALUES (1, 'old.tif', 'fp-old', 256, " +
				"256, 2, 8, 64, 64, 0)");
			insertLabel(c, 5, "scribble", enc);
			assertThrows(SQLException.class, () -> s.executeQuery(
				"SELECT * FROM models"), "v1 has no models table");
		}
		try (Project p = Project.open(dir)) {
			assertEquals(Migrations.CURRENT, p.schemaVersion());
			assertEquals("old.tif", p.image().spec());
			assertArrayEquals(mask, p.labels().get(5).orElseThrow().mask());
			// The new tables work.
			p.queries().record(1, "random", List.of(new SuggestionRecord(1, 0,
				StreamScores.combinedOnly(1))));
			final long id = p.models().add(ModelVersion.of(ModelKind.ENCODER, "{}",
				"models/e/ckpt", 1, 0, "cpu", null)).id();
			p.embeddings().put(id, new float[][] { { 1f }, { 2f } },
				io.github.twostream.util.Progress.NONE);
			assertEquals(2f, p.embeddings().load(id)[1][0]);
			assertEquals("ok", p.integrityCheck());
		}
	}

	/** A project as version 5 wrote it (issue 10's first schema step) gets revisions. */
	@Test
	void version5DatabaseGetsLabelRevisions() throws Exception {
		final byte[] mask = TestProjects.dense(new Random(2), 64 * 64);
		final Path dir = Files.createDirectories(tmp.resolve("v5"));
		try (Connection c = oldDatabase(dir, 5); var s = c.createStatement()) {
			s.execute("INSERT INTO project (id, image_spec, fingerprint, width, height, " +
				"depth, bit_depth, patch_size, stride, created, uuid) VALUES (1, " +
				"'old.tif', 'fp-old', 256, 256, 2, 8, 64, 64, 0, 'u5')");
			insertLabel(c, 7, "dense", Masks.encode(mask));
			s.execute("INSERT INTO annotation_times (patch_id, seconds, time) VALUES (7, 12.5, 0)");
			assertThrows(SQLException.class, () -> s.executeQuery(
				"SELECT * FROM label_revisions"), "v5 has no revisions");
		}
		try (Project p = Project.open(dir)) {
			assertEquals(Migrations.CURRENT, p.schemaVersion());
			assertArrayEquals(mask, p.labels().get(7).orElseThrow().mask());
			assertEquals(12.5, p.annotationLog().totalSeconds(), 1e-9);
			final Labels.Revised old = p.labels().read(List.of(7)).get(0);
			assertEquals(0L, old.revision(), "labels from before v6 start at 0");
			assertArrayEquals(mask, old.label().orElseThrow().mask());
			final byte[] next = TestProjects.dense(new Random(3), 64 * 64);
			assertEquals(java.util.Map.of(7, 1L), p.labels().putAll(List.of(
				new PatchLabel(7, LabelKind.DENSE, next, null)), java.util.Map.of(7, 0L))
				.written());
			assertEquals(List.of(7), p.labels().putAll(List.of(new PatchLabel(7,
				LabelKind.DENSE, mask, null)), java.util.Map.of(7, 0L)).refused());
			assertArrayEquals(next, p.labels().get(7).orElseThrow().mask());
			assertEquals("ok", p.integrityCheck());
		}
	}

	@Test
	void migrationIsAllOrNothing() throws Exception {
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp
			.resolve("x.db")); var s = c.createStatement())
		{
			Migrations.migrate(c, 1);
			// Block step 2 (query_rounds) so the upgrade fails half-way.
			s.execute("CREATE TABLE query_rounds (x)");
			assertThrows(SQLException.class, () -> Migrations.migrate(c,
				Migrations.CURRENT));
			assertEquals(1, Migrations.version(c));
			try (var rs = s.executeQuery(
				"SELECT COUNT(*) FROM sqlite_master WHERE name IN ('suggestions', 'models')"))
			{
				assertEquals(0, rs.getInt(1));
			}
			assertTrue(c.getAutoCommit());
		}
	}

	@Test
	void freshProjectHasEveryStep() throws Exception {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir
			.resolve(Project.DATABASE)))
		{
			assertEquals(Migrations.CURRENT, Migrations.version(c));
			assertEquals(0, Migrations.migrate(c, Migrations.CURRENT));
		}
	}

	/** A project database made by the code of an old schema version, to fill by hand. */
	private static Connection oldDatabase(final Path dir, final int version)
		throws SQLException
	{
		final Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir
			.resolve(Project.DATABASE));
		try (var s = c.createStatement()) {
			s.execute("PRAGMA journal_mode = WAL");
			s.execute("PRAGMA application_id = " + Db.APPLICATION_ID);
		}
		assertEquals(version, Migrations.migrate(c, version));
		return c;
	}

	/** A label row as every schema version stores it. */
	private static void insertLabel(final Connection c, final int id,
		final String kind, final Masks.Encoded enc) throws SQLException
	{
		try (var ps = c.prepareStatement("INSERT INTO labels VALUES (?, ?, ?, ?, ?, 0)")) {
			ps.setInt(1, id);
			ps.setString(2, kind);
			ps.setInt(3, enc.size());
			ps.setLong(4, enc.crc());
			ps.setBytes(5, enc.blob());
			ps.executeUpdate();
		}
	}
}
