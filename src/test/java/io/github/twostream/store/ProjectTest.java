package io.github.twostream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;
import io.github.twostream.volume.PatchGrid;

/** Creating and opening projects, and every way a folder can be wrong. */
class ProjectTest {

	@TempDir
	Path tmp;

	@Test
	void createThenOpenRoundTrip() {
		final Path dir = tmp.resolve("p");
		final ImageRef image = new ImageRef("/data/stack.h5#/raw", "fp-abc", 300,
			200, 5, 16);
		try (Project p = Project.create(dir, image, new GridSpec(64, 48))) {
			assertEquals(image, p.image());
			assertEquals(Migrations.CURRENT, p.schemaVersion());
		}
		assertTrue(Files.isRegularFile(dir.resolve(Project.DATABASE)));
		assertTrue(Files.isDirectory(dir.resolve(Project.MODELS)));
		assertFalse(Files.exists(dir.resolve(Project.DATABASE + ".creating")));
		try (Project p = Project.open(dir)) {
			assertEquals(image, p.image());
			assertEquals(new GridSpec(64, 48), p.gridSpec());
			final PatchGrid grid = p.grid();
			final PatchGrid expected = new PatchGrid(5, 200, 300, 64, 48);
			assertEquals(expected.size(), grid.size());
			assertEquals(expected.patches(), grid.patches());
			assertEquals("ok", p.integrityCheck());
			assertTrue(p.created().toEpochMilli() > 0);
		}
	}

	@Test
	void databaseHasProjectSettings() throws Exception {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE)); var s = c.createStatement())
		{
			try (var rs = s.executeQuery("PRAGMA application_id")) {
				assertEquals(Db.APPLICATION_ID, rs.getInt(1));
			}
			try (var rs = s.executeQuery("PRAGMA journal_mode")) {
				assertEquals("wal", rs.getString(1));
			}
		}
	}

	@Test
	void createInEmptyExistingFolderWorks() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("empty"));
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		assertTrue(Files.exists(dir.resolve(Project.DATABASE)));
	}

	@Test
	void createRefusesNonEmptyFolderAndExistingProject() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("stuff"));
		Files.writeString(dir.resolve("notes.txt"), "hello");
		final UserException e = assertThrows(UserException.class, () -> Project
			.create(dir, TestProjects.image(), TestProjects.grid()));
		assertTrue(e.getMessage().contains("exists and is not a project"), e.getMessage());
		assertTrue(e.getMessage().contains(" -- "), "names a fix");

		final Path p = tmp.resolve("p");
		Project.create(p, TestProjects.image(), TestProjects.grid()).close();
		final UserException e2 = assertThrows(UserException.class, () -> Project
			.create(p, TestProjects.image(), TestProjects.grid()));
		assertTrue(e2.getMessage().contains("already holds a project"), e2.getMessage());
	}

	@Test
	void createRecoversFromACrashedCreate() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("crashed"));
		Files.writeString(dir.resolve(Project.DATABASE + ".creating"), "half");
		Files.writeString(dir.resolve(Project.DATABASE + ".creating-wal"), "half");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		try (var files = Files.list(dir)) {
			// NB: -gen and -lock guard against a stale write-ahead log (FaultTest)
			assertEquals(List.of(Project.MODELS, Project.DATABASE, Project.DATABASE +
				"-gen", Project.DATABASE + "-lock"), files.map(f -> f.getFileName()
					.toString()).sorted().toList());
		}
	}

	@Test
	void twoOpenProjectsShareTheDatabase() {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		try (Project fiji = Project.open(dir); Project cli = Project.open(dir)) {
			fiji.labels().put(1, LabelKind.DENSE, new byte[64 * 64]);
			cli.labels().put(2, LabelKind.DENSE, new byte[64 * 64]);
			assertEquals(java.util.Set.of(1, 2), fiji.labels().labelledIds());
			assertEquals(java.util.Set.of(1, 2), cli.labels().labelledIds());
			assertEquals(List.of(2), fiji.labels().undo(), "undo log is shared");
			assertTrue(cli.labels().get(2).isEmpty());
		}
	}

	@Test
	void createRejectsGridLargerThanImage() {
		final Path dir = tmp.resolve("p");
		final ImageRef small = new ImageRef("s.tif", "fp", 32, 32, 1, 8);
		final UserException e = assertThrows(UserException.class, () -> Project
			.create(dir, small, new GridSpec(64, 64)));
		assertTrue(e.getMessage().contains("smaller than one"), e.getMessage());
		assertFalse(Files.exists(dir), "nothing was created");
	}

	@Test
	void openRejectsMissingAndNonProjectFolders() throws IOException {
		final UserException missing = assertThrows(UserException.class,
			() -> Project.open(tmp.resolve("nope")));
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

		final Path plain = Files.createDirectories(tmp.resolve("plain"));
		final UserException e = assertThrows(UserException.class, () -> Project
			.open(plain));
		assertTrue(e.getMessage().contains("is not a Two-Stream project"), e.getMessage());
		assertFalse(Files.exists(plain.resolve(Project.DATABASE)),
			"opening does not create a database");
	}

	@Test
	void openRejectsTextFileNamedProjectDb() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("text"));
		Files.writeString(dir.resolve(Project.DATABASE),
			"this is not a database, just some text that is long enough ".repeat(5));
		final UserException e = assertThrows(UserException.class, () -> Project
			.open(dir));
		assertTrue(e.getMessage().contains("not an SQLite database"), e.getMessage());
	}

	@Test
	void openRejectsOtherSqliteDatabase() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("other"));
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE)); var s = c.createStatement())
		{
			s.execute("CREATE TABLE t (x)");
		}
		final UserException e = assertThrows(UserException.class, () -> Project
			.open(dir));
		assertTrue(e.getMessage().contains("another program"), e.getMessage());
	}

	@Test
	void openRejectsTruncatedDatabase() throws IOException {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		final Path db = dir.resolve(Project.DATABASE);
		final byte[] bytes = Files.readAllBytes(db);
		Files.write(db, java.util.Arrays.copyOf(bytes, 50));
		final UserException e = assertThrows(UserException.class, () -> Project
			.open(dir));
		assertTrue(e.getMessage().contains("not an SQLite database"), e.getMessage());
	}

	@Test
	void openRejectsNewerSchema() throws Exception {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE)); var s = c.createStatement())
		{
			s.execute("PRAGMA user_version = " + (Migrations.CURRENT + 1));
		}
		final UserException e = assertThrows(UserException.class, () -> Project
			.open(dir));
		assertTrue(e.getMessage().contains("newer version"), e.getMessage());
		assertTrue(e.getMessage().contains("update"), e.getMessage());
	}

	@Test
	void readOnlyFolderIsReportedClearly() throws IOException {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		final Path fresh = Files.createDirectories(tmp.resolve("ro-new"));
		setReadOnly(dir);
		setReadOnly(fresh);
		try {
			// NB: root ignores permissions; the check then has nothing to detect.
			assumeFalse(canWrite(dir), "folder is still writable (running as root?)");
			final UserException e = assertThrows(UserException.class, () -> Project
				.open(dir));
			assertTrue(e.getMessage().contains("read-only"), e.getMessage());
			final UserException e2 = assertThrows(UserException.class, () -> Project
				.create(fresh, TestProjects.image(), TestProjects.grid()));
			assertTrue(e2.getMessage().contains("read-only"), e2.getMessage());
		}
		finally {
			setWritable(dir);
			setWritable(fresh);
		}
	}

	@Test
	void writabilityCheckTriesARealFile() throws IOException {
		// The positive case runs everywhere (also as root): a writable folder passes
		// and leaves no test file behind.
		final Path dir = Files.createDirectories(tmp.resolve("w"));
		Project.checkWritable(dir);
		try (var files = Files.list(dir)) {
			assertEquals(0, files.count());
		}
		assertThrows(UserException.class, () -> Project.checkWritable(tmp.resolve(
			"missing")));
		// A folder where nobody (not even root) can create files.
		final Path proc = Path.of("/proc");
		if (Files.isDirectory(proc)) {
			final UserException e = assertThrows(UserException.class, () -> Project
				.checkWritable(proc));
			assertTrue(e.getMessage().contains("read-only"), e.getMessage());
		}
	}

	@Test
	void fingerprintMismatchAndRelink() {
		final Path dir = tmp.resolve("p");
		try (Project p = Project.create(dir, TestProjects.image(), TestProjects
			.grid()))
		{
			p.checkImage("fp-1234"); // unchanged: fine
			final UserException e = assertThrows(UserException.class, () -> p
				.checkImage("fp-other"));
			assertTrue(e.getMessage().contains("changed or moved"), e.getMessage());
			assertTrue(e.getMessage().contains("relink"), e.getMessage());

			final ImageRef wrongShape = new ImageRef("/new/place.tif", "fp-9", 256,
				128, 2, 8);
			final UserException e2 = assertThrows(UserException.class, () -> p
				.relinkImage(wrongShape));
			assertTrue(e2.getMessage().contains("not the project's image"), e2.getMessage());

			p.relinkImage(new ImageRef("/new/place.tif", "fp-moved", 256, 256, 2, 8));
			p.checkImage("fp-moved");
		}
		try (Project p = Project.open(dir)) {
			assertEquals("/new/place.tif", p.image().spec());
			p.checkImage("fp-moved");
			assertThrows(UserException.class, () -> p.checkImage("fp-1234"));
		}
	}

	@Test
	void patchStatusesFollowLabelsAndLatestRound() {
		try (Project p = Project.create(tmp.resolve("p"), TestProjects.image(),
			TestProjects.grid()))
		{
			final byte[] mask = new byte[64 * 64];
			p.labels().put(3, LabelKind.DENSE, mask);
			p.queries().record(1, "random", List.of(new SuggestionRecord(5, 0,
				StreamScores.combinedOnly(1)), new SuggestionRecord(6, 1, StreamScores
					.combinedOnly(0.5))));
			p.queries().record(2, "two-stream", List.of(new SuggestionRecord(3, 0,
				StreamScores.combinedOnly(1)), new SuggestionRecord(7, 1, StreamScores
					.combinedOnly(0.5))));
			final List<PatchStatus> s = p.patchStatuses();
			assertEquals(p.grid().size(), s.size());
			assertEquals(PatchStatus.LABELLED, s.get(3)); // suggested, then labelled
			assertEquals(PatchStatus.SUGGESTED, s.get(7));
			assertEquals(PatchStatus.UNLABELLED, s.get(5)); // only in an older round
			assertEquals(PatchStatus.UNLABELLED, s.get(0));
			assertEquals(1, s.stream().filter(x -> x == PatchStatus.LABELLED).count());
			assertEquals("suggested", s.get(7).key());
		}
	}

	private static boolean canWrite(final Path dir) {
		try {
			Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
			return true;
		}
		catch (final IOException e) {
			return false;
		}
	}

	/**
	 * Makes a folder read-only: permissions, and where that does not stop root,
	 * the immutable attribute ({@code chattr +i}, ext2/3/4, btrfs, xfs).
	 */
	private static void setReadOnly(final Path dir) throws IOException {
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(
			"r-xr-xr-x"));
		dir.toFile().setReadOnly();
		if (canWrite(dir)) chattr("+i", dir);
	}

	private static void setWritable(final Path dir) throws IOException {
		chattr("-i", dir);
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(
			"rwxr-xr-x"));
	}

	/** Runs chattr if it exists; failures are fine (the test then skips). */
	private static void chattr(final String flag, final Path dir) {
		try {
			new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
		}
		catch (final IOException e) {
			// no chattr on this system
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
