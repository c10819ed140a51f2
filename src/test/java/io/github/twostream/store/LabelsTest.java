package io.github.twostream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;

/** Labels: dense and scribble masks, checksums, batches, undo and redo. */
class LabelsTest {

	private static final int N = 64 * 64;

	@TempDir
	Path tmp;

	private Path dir;
	private final Random rnd = new Random(7);

	@BeforeEach
	void create() {
		dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
	}

	@Test
	void denseAndScribbleRoundTripAcrossReopen() {
		final byte[] dense = TestProjects.dense(rnd, N);
		final byte[] scribble = TestProjects.scribble(rnd, N);
		try (Project p = Project.open(dir)) {
			p.labels().put(4, LabelKind.DENSE, dense);
			p.labels().put(31, LabelKind.SCRIBBLE, scribble);
			assertEquals(2, p.labels().count());
		}
		try (Project p = Project.open(dir)) {
			final PatchLabel d = p.labels().get(4).orElseThrow();
			assertEquals(LabelKind.DENSE, d.kind());
			assertArrayEquals(dense, d.mask());
			final PatchLabel s = p.labels().get(31).orElseThrow();
			assertEquals(LabelKind.SCRIBBLE, s.kind());
			assertArrayEquals(scribble, s.mask());
			assertTrue(s.count(Masks.IGNORE) > N / 2, "ignore pixels kept");
			assertEquals(N, s.count(Masks.IGNORE) + s.count(Masks.FOREGROUND) + s
				.count(Masks.BACKGROUND));
			assertEquals(Set.of(4, 31), p.labels().labelledIds());
			assertEquals(Optional.empty(), p.labels().get(5));
		}
	}

	@Test
	void replaceAndRemove() {
		try (Project p = Project.open(dir)) {
			final byte[] a = TestProjects.dense(rnd, N), b = TestProjects.scribble(rnd, N);
			p.labels().put(2, LabelKind.DENSE, a);
			p.labels().put(2, LabelKind.SCRIBBLE, b);
			assertEquals(1, p.labels().count());
			assertArrayEquals(b, p.labels().get(2).orElseThrow().mask());
			assertTrue(p.labels().remove(2));
			assertFalse(p.labels().remove(2));
			assertEquals(0, p.labels().count());
		}
	}

	@Test
	void badMasksAreRejectedWithoutWriting() {
		try (Project p = Project.open(dir)) {
			final byte[] withIgnore = TestProjects.scribble(rnd, N);
			final UserException e = assertThrows(UserException.class, () -> p.labels()
				.put(1, LabelKind.DENSE, withIgnore));
			assertTrue(e.getMessage().contains("value 255"), e.getMessage());
			final byte[] two = new byte[N];
			two[10] = 2;
			assertThrows(UserException.class, () -> p.labels().put(1,
				LabelKind.SCRIBBLE, two));
			final UserException size = assertThrows(UserException.class, () -> p
				.labels().put(1, LabelKind.DENSE, new byte[N - 1]));
			assertTrue(size.getMessage().contains("pixels"), size.getMessage());
			final UserException id = assertThrows(UserException.class, () -> p
				.labels().put(32, LabelKind.DENSE, new byte[N]));
			assertTrue(id.getMessage().contains("Unknown patch id 32"), id.getMessage());
			// A batch with one bad mask writes nothing.
			final List<PatchLabel> batch = List.of(new PatchLabel(0, LabelKind.DENSE,
				new byte[N], null), new PatchLabel(1, LabelKind.DENSE, two, null));
			assertThrows(UserException.class, () -> p.labels().putAll(batch));
			assertEquals(0, p.labels().count());
			assertFalse(p.labels().canUndo());
		}
	}

	@Test
	void corruptBlobIsDetected() throws Exception {
		try (Project p = Project.open(dir)) {
			p.labels().put(7, LabelKind.DENSE, TestProjects.dense(rnd, N));
			p.labels().put(8, LabelKind.DENSE, TestProjects.dense(rnd, N));
		}
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE)))
		{
			// Flip one byte in the middle of patch 7's stored mask.
			final byte[] blob;
			try (var st = c.createStatement(); var rs = st.executeQuery(
				"SELECT mask FROM labels WHERE patch_id = 7"))
			{
				blob = rs.getBytes(1);
			}
			blob[blob.length / 2] ^= 0x10;
			try (var ps = c.prepareStatement("UPDATE labels SET mask = ? WHERE patch_id = 7")) {
				ps.setBytes(1, blob);
				assertEquals(1, ps.executeUpdate());
			}
			// Patch 8: the deflate stream stays valid, only the checksum disagrees.
			try (var st = c.createStatement()) {
				st.executeUpdate("UPDATE labels SET crc = crc + 1 WHERE patch_id = 8");
			}
		}
		try (Project p = Project.open(dir)) {
			for (final int id : new int[] { 7, 8 }) {
				final UserException e = assertThrows(UserException.class, () -> p
					.labels().get(id));
				assertTrue(e.getMessage().contains("label of patch " + id + " is corrupt"),
					e.getMessage());
				assertTrue(e.getMessage().contains("backup"), e.getMessage());
			}
			// Relabelling repairs it.
			final byte[] fresh = TestProjects.dense(rnd, N);
			p.labels().put(7, LabelKind.DENSE, fresh);
			assertArrayEquals(fresh, p.labels().get(7).orElseThrow().mask());
		}
	}

	@Test
	void undoRedoRestoreExactlyAcrossReopen() {
		final byte[] a = TestProjects.dense(rnd, N), b = TestProjects.scribble(rnd, N),
				c = TestProjects.dense(rnd, N);
		try (Project p = Project.open(dir)) {
			final Labels l = p.labels();
			assertFalse(l.canUndo());
			assertEquals(List.of(), l.undo());
			l.put(1, LabelKind.DENSE, a); // step 1
			l.put(1, LabelKind.SCRIBBLE, b); // step 2
			l.put(2, LabelKind.DENSE, c); // step 3
			assertTrue(l.remove(1)); // step 4
			assertEquals(List.of(1), l.undo()); // undo 4: patch 1 back to b
			assertArrayEquals(b, l.get(1).orElseThrow().mask());
			assertEquals(LabelKind.SCRIBBLE, l.get(1).orElseThrow().kind());
			assertEquals(List.of(2), l.undo()); // undo 3: patch 2 gone
			assertTrue(l.get(2).isEmpty());
			assertTrue(l.canRedo());
		}
		try (Project p = Project.open(dir)) {
			final Labels l = p.labels();
			assertTrue(l.canRedo(), "redo survives reopen");
			assertEquals(List.of(1), l.undo()); // undo 2: patch 1 back to a
			assertArrayEquals(a, l.get(1).orElseThrow().mask());
			assertEquals(LabelKind.DENSE, l.get(1).orElseThrow().kind());
			assertEquals(List.of(1), l.redo()); // redo 2
			assertArrayEquals(b, l.get(1).orElseThrow().mask());
			assertEquals(List.of(2), l.redo()); // redo 3
			assertArrayEquals(c, l.get(2).orElseThrow().mask());
		}
		try (Project p = Project.open(dir)) {
			final Labels l = p.labels();
			assertTrue(l.canRedo()); // step 4 still undone
			final byte[] d = TestProjects.dense(rnd, N);
			l.put(3, LabelKind.DENSE, d); // a new edit clears the redo tail
			assertFalse(l.canRedo());
			assertEquals(List.of(), l.redo());
			assertArrayEquals(b, l.get(1).orElseThrow().mask(), "step 4 is not redone");
			// Undo everything: back to no labels.
			int steps = 0;
			while (l.canUndo()) {
				assertFalse(l.undo().isEmpty());
				steps++;
			}
			assertEquals(4, steps); // steps 1, 2, 3 and the new one
			assertEquals(0, l.count());
		}
	}

	@Test
	void batchIsOneTransactionAndOneUndoStep() {
		try (Project p = Project.open(dir)) {
			final Labels l = p.labels();
			final byte[] before = TestProjects.dense(rnd, N);
			l.put(0, LabelKind.DENSE, before);
			final Map<Integer, byte[]> masks = new HashMap<>();
			final List<PatchLabel> batch = new ArrayList<>();
			for (int id = 0; id < 20; id++) {
				masks.put(id, TestProjects.scribble(rnd, N));
				batch.add(new PatchLabel(id, LabelKind.SCRIBBLE, masks.get(id), null));
			}
			l.putAll(batch);
			assertEquals(20, l.count());
			for (int id = 0; id < 20; id++)
				assertArrayEquals(masks.get(id), l.get(id).orElseThrow().mask());
			final List<Integer> undone = l.undo();
			assertEquals(20, undone.size());
			assertEquals(1, l.count());
			assertArrayEquals(before, l.get(0).orElseThrow().mask());
			assertEquals(20, l.redo().size());
			assertEquals(20, l.count());
		}
	}

	@Test
	void batchFailingInTheDatabaseWritesNothing() throws Exception {
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE)); var st = c.createStatement())
		{
			// Make the database itself refuse patch 5 (like a full disk would).
			st.execute("CREATE TRIGGER refuse5 BEFORE INSERT ON labels WHEN " +
				"NEW.patch_id = 5 BEGIN SELECT RAISE(ABORT, 'refused'); END");
		}
		try (Project p = Project.open(dir)) {
			final byte[] keep = TestProjects.dense(rnd, N);
			p.labels().put(1, LabelKind.DENSE, keep);
			final List<PatchLabel> batch = new ArrayList<>();
			for (int id = 0; id < 10; id++)
				batch.add(new PatchLabel(id, LabelKind.DENSE, TestProjects.dense(rnd, N),
					null));
			final UserException e = assertThrows(UserException.class, () -> p
				.labels().putAll(batch));
			assertTrue(e.getMessage().contains("refused"), e.getMessage());
			assertEquals(Set.of(1), p.labels().labelledIds(), "batch rolled back");
			assertArrayEquals(keep, p.labels().get(1).orElseThrow().mask());
			assertEquals(List.of(1), p.labels().undo(), "no edit of the batch logged");
			assertFalse(p.labels().canUndo());
			assertEquals("ok", p.integrityCheck());
		}
	}

	@Test
	void returnedMasksAreCopies() {
		try (Project p = Project.open(dir)) {
			final byte[] m = TestProjects.dense(rnd, N);
			final byte[] copy = m.clone();
			p.labels().put(9, LabelKind.DENSE, m);
			m[0] ^= 1; // caller changes its array after put
			p.labels().get(9).orElseThrow().mask()[1] ^= 1;
			assertArrayEquals(copy, p.labels().get(9).orElseThrow().mask());
		}
	}

	@Test
	void revisionsRefuseStaleWritesAcrossConnections() {
		final byte[] a = TestProjects.dense(rnd, N), b = TestProjects.dense(rnd, N);
		try (Project one = Project.open(dir); Project two = Project.open(dir)) {
			// NB: two connections, as two windows or a window and the CLI
			final Map<Integer, Long> seen = revisions(one.labels().read(List.of(3, 4)));
			assertEquals(Map.of(3, 0L, 4, 0L), seen, "never written: 0");
			two.labels().put(3, LabelKind.DENSE, b);
			final Labels.Outcome o = one.labels().putAll(List.of(new PatchLabel(3,
				LabelKind.DENSE, a, null), new PatchLabel(4, LabelKind.DENSE, a, null)),
				seen);
			assertEquals(List.of(3), o.refused());
			assertEquals(Map.of(4, 1L), o.written());
			assertArrayEquals(b, one.labels().get(3).orElseThrow().mask(),
				"the other writer's label is kept");
			assertArrayEquals(a, two.labels().get(4).orElseThrow().mask());
			// every write raises the revision: remove, undo, redo too
			assertTrue(two.labels().remove(4));
			assertEquals(2L, revisions(one.labels().read(List.of(4))).get(4));
			final Labels.Outcome stale = one.labels().undo(Map.of(4, 1L));
			assertEquals(List.of(4), stale.refused(), "the step touches a changed patch");
			assertTrue(stale.written().isEmpty());
			assertFalse(one.labels().get(4).isPresent(), "nothing undone");
			final Labels.Outcome undone = one.labels().undo(Map.of(4, 2L));
			assertEquals(Map.of(4, 3L), undone.written());
			assertArrayEquals(a, one.labels().get(4).orElseThrow().mask());
			assertEquals(Map.of(4, 4L), two.labels().redo(Map.of()).written());
			assertFalse(one.labels().get(4).isPresent());
			// the unconditional put (twostream label) still overwrites, and is seen
			two.labels().put(3, LabelKind.DENSE, a);
			assertEquals(2L, revisions(one.labels().read(List.of(3))).get(3));
		}
	}

	private static Map<Integer, Long> revisions(final List<Labels.Revised> rs) {
		final Map<Integer, Long> m = new HashMap<>();
		for (final Labels.Revised r : rs)
			m.put(r.patchId(), r.revision());
		return m;
	}
}
