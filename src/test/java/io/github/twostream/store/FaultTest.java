package io.github.twostream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;

/**
 * Faults beside {@link CrashTest}: a backup restored next to a stale
 * write-ahead log, concurrent creation, concurrent rounds, checkpoints that
 * leave the project or belong to another one, outputs that are the
 * project's own files. Each case asserts the message, and that the project
 * still passes integrity_check with every acknowledged label intact.
 */
class FaultTest {

	@TempDir
	Path tmp;

	static final int N = 64 * 64;

	private static void label(final Project p, final int id, final long seed) {
		p.labels().put(id, LabelKind.DENSE, TestProjects.dense(new Random(seed),
			N));
	}

	private static void assertLabels(final Project p, final int... ids) {
		assertEquals("ok", p.integrityCheck());
		assertEquals(ids.length, p.labels().count());
		for (final int id : ids)
			assertArrayEquals(TestProjects.dense(new Random(id), N), p.labels().get(
				id).orElseThrow().mask(), "patch " + id);
	}

	private static String oneLine(final UserException e) {
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		assertTrue(e.getMessage().contains(" -- "), e.getMessage());
		return e.getMessage();
	}

	@Test
	void restoredBackupNextToStaleWalIsRefusedNotCorrupted() throws Exception {
		final Path dir = tmp.resolve("p q"); // NB: the immutable URI escapes spaces
		try (Project p = Project.create(dir, TestProjects.image(), TestProjects
			.grid()))
		{
			label(p, 1, 1);
		}
		final byte[] backup = Files.readAllBytes(dir.resolve(Project.DATABASE));
		// a crashed session: labels in the log, log and database copied while open
		final Path crashed = tmp.resolve("crashed copy");
		try (Project p = Project.open(dir)) {
			for (int id = 2; id < 12; id++)
				label(p, id, id);
			assertTrue(Files.size(dir.resolve("project.db-wal")) > 32);
			Files.createDirectories(crashed);
			for (final String f : List.of("project.db", "project.db-wal",
				"project.db-shm", "project.db-gen"))
				Files.copy(dir.resolve(f), crashed.resolve(f));
		}
		Files.createDirectories(crashed.resolve("models"));
		final Path restored = tmp.resolve("restored");
		copyTree(crashed, restored);

		// a plain crash: the log is the database's own and is recovered
		try (Project p = Project.open(crashed)) {
			assertLabels(p, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
		}

		// the backup restored next to the newer log: refused, file untouched
		Files.write(restored.resolve(Project.DATABASE), backup);
		final String m = oneLine(assertThrows(UserException.class, () -> Project
			.open(restored)));
		assertTrue(m.contains("does not belong to the write-ahead log"), m);
		assertTrue(m.contains("move project.db-wal and project.db-shm"), m);
		assertArrayEquals(backup, Files.readAllBytes(restored.resolve(
			Project.DATABASE)));
		// following the advice gives exactly the backup's state
		Files.delete(restored.resolve("project.db-wal"));
		Files.delete(restored.resolve("project.db-shm"));
		try (Project p = Project.open(restored)) {
			assertLabels(p, 1);
		}
	}

	@Test
	void backupCommandCopyIsConsistentAndNeverMistakenForTheLogsBase()
		throws Exception
	{
		final Path dir = tmp.resolve("p");
		final Path copy = tmp.resolve("backup");
		try (Project p = Project.create(dir, TestProjects.image(), TestProjects
			.grid()))
		{
			label(p, 1, 1);
			label(p, 2, 2);
			p.backup(copy); // NB: while the project is open and its log non-empty
			label(p, 3, 3);
			final String m = oneLine(assertThrows(UserException.class, () -> p
				.backup(copy)));
			assertTrue(m.contains("already exists"), m);
			final String own = oneLine(assertThrows(UserException.class, () -> p
				.backup(dir.resolve("models/b"))));
			assertTrue(own.contains("model folder"), own);
			// restoring the backup's database into the live folder: refused
			final Path crashed = tmp.resolve("crashed");
			Files.createDirectories(crashed.resolve("models"));
			for (final String f : List.of("project.db-wal", "project.db-shm",
				"project.db-gen"))
				Files.copy(dir.resolve(f), crashed.resolve(f));
			Files.copy(copy.resolve(Project.DATABASE), crashed.resolve(
				Project.DATABASE));
			assertTrue(oneLine(assertThrows(UserException.class, () -> Project.open(
				crashed))).contains("does not belong"));
		}
		try (Project b = Project.open(copy)) {
			assertLabels(b, 1, 2);
		}
		try (Project p = Project.open(dir)) {
			assertLabels(p, 1, 2, 3);
		}
	}

	@Test
	void concurrentCreateHasOneWinnerAndLeavesNothing() throws Exception {
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int run = 0; run < 6; run++) {
				final Path dir = tmp.resolve("race" + run);
				if (run % 2 == 1) Files.createDirectories(dir); // also into an empty folder
				final CountDownLatch go = new CountDownLatch(1);
				final Callable<String> create = () -> {
					go.await();
					try (Project p = Project.create(dir, TestProjects.image(),
						TestProjects.grid()))
					{
						label(p, 7, 7);
						return "ok";
					}
					catch (final UserException e) {
						return e.getMessage();
					}
				};
				final Future<String> a = pool.submit(create), b = pool.submit(create);
				go.countDown();
				final List<String> results = List.of(a.get(), b.get());
				assertEquals(1, results.stream().filter("ok"::equals).count(),
					results.toString());
				final String loser = results.stream().filter(r -> !r.equals("ok"))
					.findFirst().orElseThrow();
				assertTrue(loser.contains("already holds a project"), loser);
				try (Project p = Project.open(dir)) {
					assertLabels(p, 7);
				}
			}
			try (Stream<Path> s = Files.list(tmp)) {
				assertEquals(List.of(), s.filter(f -> f.getFileName().toString()
					.startsWith(".")).toList(), "no temporary folders left");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void failedCreationLeavesNothingThatBlocksRecreation() throws Exception {
		final Path dir = tmp.resolve("p");
		// leftovers of an older crashed create
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("project.db.creating"), "half");
		Files.createDirectories(tmp.resolve(".p.creating-123"));
		// a creation that fails (grid does not fit): nothing written
		assertTrue(oneLine(assertThrows(UserException.class, () -> Project.create(
			tmp.resolve("q"), TestProjects.image(), new GridSpec(512, 512))))
				.contains("512"));
		assertFalse(Files.exists(tmp.resolve("q")));
		try (Project p = Project.create(dir, TestProjects.image(), TestProjects
			.grid()))
		{
			label(p, 3, 3);
		}
		try (Project p = Project.open(dir)) {
			assertLabels(p, 3);
			assertEquals(36, p.uuid().length());
		}
		// a read-only parent: clear message, nothing made
		final Path ro = Files.createDirectories(tmp.resolve("ro"));
		ro.toFile().setWritable(false);
		try {
			if (Files.isWritable(ro)) return; // NB: root ignores permissions
			assertTrue(oneLine(assertThrows(UserException.class, () -> Project
				.create(ro.resolve("x"), TestProjects.image(), TestProjects.grid())))
					.contains("read-only"));
		}
		finally {
			ro.toFile().setWritable(true);
		}
	}

	@Test
	void concurrentRoundsGetDistinctNumbers() throws Exception {
		final Path dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try (Project a = Project.open(dir); Project b = Project.open(dir)) {
			final List<Future<List<Integer>>> runs = new ArrayList<>();
			for (final Project p : List.of(a, b))
				runs.add(pool.submit(() -> {
					final List<Integer> got = new ArrayList<>();
					for (int i = 0; i < 15; i++)
						got.add(p.queries().recordNext("random", List.of(
							new SuggestionRecord(i, 1, null))));
					return got;
				}));
			final TreeSet<Integer> all = new TreeSet<>();
			for (final Future<List<Integer>> f : runs)
				all.addAll(f.get());
			assertEquals(30, all.size(), "no round recorded twice");
			assertEquals(1, all.first());
			assertEquals(30, all.last());
			assertEquals(30, a.queries().rounds().size());
			assertEquals("ok", a.integrityCheck());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void checkpointsOutsideOrForeignAreRefusedClearly() throws Exception {
		final Path dir = tmp.resolve("p");
		final Path other = tmp.resolve("other");
		try (Project p = Project.create(dir, TestProjects.image(), TestProjects
			.grid()); Project o = Project.create(other, TestProjects.image(),
				TestProjects.grid()))
		{
			label(p, 1, 1);
			// a checkpoint of this project: accepted
			final Path own = Files.createDirectories(p.modelsDir().resolve("task-1"));
			Files.writeString(own.resolve(Project.CHECKPOINT_OWNER), p.uuid());
			final ModelVersion ok = p.models().add(ModelVersion.of(ModelKind.TASK,
				"{}", "models/task-1", 1, 1, "CPU", "{}"));
			assertEquals(own.toAbsolutePath().normalize(), p.checkpointPath(ok));
			// copied from another project
			final Path foreign = Files.createDirectories(p.modelsDir().resolve(
				"task-2"));
			Files.writeString(foreign.resolve(Project.CHECKPOINT_OWNER), o.uuid());
			final String m = oneLine(assertThrows(UserException.class, () -> p
				.checkpointPath(p.models().add(ModelVersion.of(ModelKind.TASK, "{}",
					"models/task-2", 1, 1, "CPU", "{}")))));
			assertTrue(m.contains("belongs to another project"), m);
			// a path elsewhere in the project, and one that leaves it (an edited
			// database: ModelVersion itself refuses to make such a version)
			final String notModels = oneLine(assertThrows(UserException.class, () -> p
				.checkpointPath(p.models().add(ModelVersion.of(ModelKind.TASK, "{}",
					".", 1, 1, "CPU", "{}")))));
			assertTrue(notModels.contains("outside the project's models folder"),
				notModels);
			try (Db db = Db.open(dir.resolve(Project.DATABASE), false)) {
				db.write(c -> c.createStatement().executeUpdate(
					"UPDATE models SET checkpoint = '../other/models' WHERE checkpoint = '.'"));
			}
			final String out = oneLine(assertThrows(UserException.class, () -> p
				.models().latest(ModelKind.TASK)));
			assertTrue(out.contains("has a checkpoint path that leaves the project"),
				out);
			try (Db db = Db.open(dir.resolve(Project.DATABASE), false)) {
				db.write(c -> c.createStatement().executeUpdate(
					"DELETE FROM models WHERE checkpoint = '../other/models'"));
			}
			// a link under models/ pointing out of the project
			final Path target = Files.createDirectories(tmp.resolve("elsewhere"));
			Files.createSymbolicLink(p.modelsDir().resolve("task-3"), target);
			final String link = oneLine(assertThrows(UserException.class, () -> p
				.checkpointPath(p.models().add(ModelVersion.of(ModelKind.TASK, "{}",
					"models/task-3", 1, 1, "CPU", "{}")))));
			assertTrue(link.contains("outside the project's models folder"), link);
			assertLabels(p, 1);
		}
	}

	@Test
	void outputsThatAreTheProjectsFilesAreRefused() throws Exception {
		final Path dir = tmp.resolve("p");
		final Path image = Files.writeString(tmp.resolve("em.tif"), "pixels");
		final ImageRef ref = new ImageRef(image.toString(), "fp", 256, 256, 2, 8);
		try (Project p = Project.create(dir, ref, TestProjects.grid())) {
			label(p, 1, 1);
			Files.createSymbolicLink(tmp.resolve("link.tif"), dir.resolve(
				Project.DATABASE));
			Files.createSymbolicLink(tmp.resolve("linkdir"), dir);
			Files.createLink(tmp.resolve("hard.tif"), image);
			final List<Path> refused = List.of(dir.resolve("project.db"), dir
				.resolve("x/../project.db"), dir.resolve("PROJECT.DB"), dir.resolve(
					"project.db-wal"), dir.resolve("project.db-shm"), dir.resolve(
						"project.db-gen"), dir.resolve("models"), dir.resolve(
							"models/task-1/ckpt.index"), tmp.resolve("link.tif"), tmp
								.resolve("linkdir/project.db"), tmp.resolve(
									"linkdir/models/new.tif"), image, tmp.resolve(
										"./em.tif"), tmp.resolve("hard.tif"), dir);
			for (final Path out : refused) {
				final String m = oneLine(assertThrows(UserException.class,
					() -> OutputPaths.check(out, "--out", p), out.toString()));
				assertTrue(m.startsWith("Refusing to write --out " + out), m);
			}
			for (final Path fine : List.of(tmp.resolve("labels.tif"), dir.resolve(
				"exports/labels.tif"), dir.resolve("suggestions.csv")))
				OutputPaths.check(fine, "--out", p);
			assertLabels(p, 1);
		}
		assertArrayEquals("pixels".getBytes(StandardCharsets.UTF_8), Files
			.readAllBytes(image));
	}

	private static void copyTree(final Path from, final Path to)
		throws Exception
	{
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path f : (Iterable<Path>) s::iterator) {
				final Path t = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(t);
				else Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}
}
