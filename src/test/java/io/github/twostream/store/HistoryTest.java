package io.github.twostream.store;

import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Query history, model versions and embeddings. */
class HistoryTest {

	@TempDir
	Path tmp;

	private Path dir;

	@BeforeEach
	void create() {
		dir = tmp.resolve("p");
		Project.create(dir, TestProjects.image(), TestProjects.grid()).close();
	}

	@Test
	void queryRoundsRoundTrip() {
		final List<SuggestionRecord> r1 = List.of(new SuggestionRecord(12, 0,
			new StreamScores(0.69, 0.1, 0.05, 0.8, 0.3, 0.91)), new SuggestionRecord(3,
				1, new StreamScores(0.5, null, null, 0.2, null, 0.4)));
		final List<SuggestionRecord> r2 = List.of(new SuggestionRecord(5, 0,
			StreamScores.combinedOnly(0.7)));
		try (Project p = Project.open(dir)) {
			assertTrue(p.queries().latest().isEmpty());
			p.queries().record(1, "two-stream", r1);
			p.queries().record(2, "random", r2);
		}
		try (Project p = Project.open(dir)) {
			final QueryRound q1 = p.queries().round(1).orElseThrow();
			assertEquals("two-stream", q1.strategy());
			assertEquals(r1, q1.suggestions());
			assertNull(q1.suggestions().get(1).scores().margin());
			assertTrue(q1.created().toEpochMilli() > 0);
			assertEquals(2, p.queries().latest().orElseThrow().round());
			assertEquals(List.of(1, 2), p.queries().rounds());
			assertTrue(p.queries().round(3).isEmpty());
			// Recording a round again replaces it.
			p.queries().record(2, "uncertainty", r1);
			final QueryRound q2 = p.queries().round(2).orElseThrow();
			assertEquals("uncertainty", q2.strategy());
			assertEquals(r1, q2.suggestions());
		}
	}

	@Test
	void modelVersionsRoundTrip() {
		try (Project p = Project.open(dir)) {
			final Models m = p.models();
			assertTrue(m.latest(ModelKind.TASK).isEmpty());
			final ModelVersion enc = m.add(ModelVersion.of(ModelKind.ENCODER,
				"{\"type\":\"simclr\",\"dim\":64}", "models/encoder-1/ckpt", 2000, 0, "cpu",
				"{\"loss\":1.2}"));
			final ModelVersion t1 = m.add(ModelVersion.of(ModelKind.TASK,
				"{\"type\":\"unet\",\"depth\":3}", "models/task-1/ckpt", 300, 10, "cpu",
				"{\"dice\":0.61}"));
			final ModelVersion t2 = m.add(ModelVersion.of(ModelKind.TASK,
				"{\"type\":\"unet\",\"depth\":3}", "models/task-2/ckpt", 600, 20, "gpu:0",
				"{\"dice\":0.74}"));
			assertTrue(enc.id() > 0 && t1.id() > enc.id() && t2.id() > t1.id());
			assertEquals(t2, m.latest(ModelKind.TASK).orElseThrow());
			assertEquals(enc, m.latest(ModelKind.ENCODER).orElseThrow());
			assertEquals(List.of(t1, t2), m.all(ModelKind.TASK));
			// NB: checkpointPath checks that the files are there
			final UserException missing = assertThrows(UserException.class, () -> p
				.checkpointPath(t2));
			assertTrue(missing.getMessage().contains("are missing"), missing
				.getMessage());
			try {
				Files.createDirectories(dir.resolve("models/task-2/ckpt"));
			}
			catch (final java.io.IOException e) {
				throw new AssertionError(e);
			}
			assertEquals(dir.resolve("models/task-2/ckpt").toAbsolutePath().normalize(),
				p.checkpointPath(t2));
		}
		try (Project p = Project.open(dir)) {
			final ModelVersion t = p.models().latest(ModelKind.TASK).orElseThrow();
			assertEquals(600, t.trainingSteps());
			assertEquals(20, t.labelledCount());
			assertEquals("gpu:0", t.device());
			assertEquals("{\"dice\":0.74}", t.metrics());
		}
		assertThrows(IllegalArgumentException.class, () -> ModelVersion.of(
			ModelKind.TASK, "{}", "../elsewhere/ckpt", 1, 1, "cpu", "{}"));
	}

	@Test
	void embeddingsRoundTripInBatches() {
		final Random rnd = new Random(3);
		final int n = 2 * DefaultEmbeddings.BATCH + 17, d = 48;
		final float[][] v = new float[n][d];
		for (final float[] row : v)
			for (int j = 0; j < d; j++)
				row[j] = (float) rnd.nextGaussian();
		v[5][0] = Float.NaN;
		v[6][1] = -0f;
		v[7][2] = Float.MIN_VALUE;
		final List<Long> reported = new ArrayList<>();
		final long encId;
		try (Project p = Project.open(dir)) {
			encId = p.models().add(ModelVersion.of(ModelKind.ENCODER, "{}",
				"models/enc/ckpt", 1, 0, "cpu", null)).id();
			assertFalse(p.embeddings().has(encId));
			p.embeddings().put(encId, v, progress(reported, Long.MAX_VALUE));
		}
		assertEquals(List.of((long) DefaultEmbeddings.BATCH, 2L *
			DefaultEmbeddings.BATCH, (long) n), reported);
		try (Project p = Project.open(dir)) {
			assertTrue(p.embeddings().has(encId));
			final float[][] back = p.embeddings().load(encId);
			assertEquals(n, back.length);
			for (int i = 0; i < n; i++)
				assertArrayEquals(v[i], back[i]); // bit-exact (NaN, -0 included)
			assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(
				back[6][1]));
			// Non-encoder ids are refused.
			final long taskId = p.models().add(ModelVersion.of(ModelKind.TASK, "{}",
				"models/t/ckpt", 1, 1, "cpu", null)).id();
			assertThrows(IllegalArgumentException.class, () -> p.embeddings().put(
				taskId, v, Progress.NONE));
			final UserException none = assertThrows(UserException.class, () -> p
				.embeddings().load(taskId));
			assertTrue(none.getMessage().contains("No embeddings"), none.getMessage());
		}
	}

	@Test
	void cancelledEmbeddingWriteLeavesOldSetIntact() {
		final float[][] old = { { 1, 2 }, { 3, 4 } };
		final float[][] big = new float[3 * DefaultEmbeddings.BATCH][2];
		try (Project p = Project.open(dir)) {
			final long enc = p.models().add(ModelVersion.of(ModelKind.ENCODER, "{}",
				"models/e/ckpt", 1, 0, "cpu", null)).id();
			p.embeddings().put(enc, old, Progress.NONE);
			final List<Long> reported = new ArrayList<>();
			assertThrows(CancelledException.class, () -> p.embeddings().put(enc, big,
				progress(reported, DefaultEmbeddings.BATCH)));
			final float[][] back = p.embeddings().load(enc);
			assertEquals(2, back.length);
			assertArrayEquals(old[1], back[1]);
			p.embeddings().delete(enc);
			assertFalse(p.embeddings().has(enc));
		}
	}

	/** Records progress; cancels once {@code cancelAt} items are done. */
	private static Progress progress(final List<Long> reported,
		final long cancelAt)
	{
		return new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {
				reported.add(done);
			}

			@Override
			public boolean isCancelled() {
				return !reported.isEmpty() && reported.get(reported.size() - 1) >= cancelAt;
			}
		};
	}
}
