package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.twostream.model.tf.TfRuntime;

import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Trains the real TF encoder briefly and checks loss, embeddings and persistence. */
class ContrastiveEncoderTest {

	private static EncoderConfig small(final int epochs) {
		return new EncoderConfig(32, 32, 16, 16, 4, 0.2, 32, epochs, 0, 2e-3, 7);
	}

	@Test
	void trainsEmbedsAndRoundTrips(@TempDir final Path dir) {
		final SyntheticPool pool = new SyntheticPool(192, 32, 1);
		final EncoderCacheKey key = new EncoderCacheKey("synthetic-1", small(3));
		final float[][] before, after;
		try (ContrastiveEncoder enc = new ContrastiveEncoder(key)) {
			assertFalse(enc.isValidFor(key), "untrained encoder is not valid");
			final double[] losses = enc.train(pool.source(), Progress.NONE);
			assertEquals(3, losses.length);
			for (final double l : losses)
				assertTrue(Double.isFinite(l) && l > 0, "loss " + l);
			// NT-Xent with 2N = 64 rows starts near log(63) and must drop
			assertTrue(losses[2] < losses[0], "loss did not drop: " + Arrays.toString(
				losses));
			assertTrue(enc.isValidFor(key));
			assertFalse(enc.isValidFor(new EncoderCacheKey("other-volume", small(
				3))));
			before = enc.embed(pool.source(), Progress.NONE);
			assertEquals(192, before.length);
			for (final float[] v : before) {
				assertEquals(16, v.length);
				double n = 0;
				for (final float x : v)
					n += x * x;
				assertEquals(1, Math.sqrt(n), 1e-4, "embedding is unit length");
			}
			enc.save(dir);
		}
		assertTrue(Files.exists(dir.resolve("encoder.json")));
		try (ContrastiveEncoder loaded = ContrastiveEncoder.load(dir, key)) {
			assertTrue(loaded.isValidFor(key));
			assertEquals(3, loaded.trainedEpochs());
			after = loaded.embed(pool.source(), Progress.NONE);
		}
		for (int i = 0; i < before.length; i++)
			assertArrayEquals(before[i], after[i], "patch " + i);

		// another config or volume -> UserException
		assertThrows(UserException.class, () -> ContrastiveEncoder.load(dir,
			new EncoderCacheKey("synthetic-1", small(4))));
		assertThrows(UserException.class, () -> ContrastiveEncoder.load(dir,
			new EncoderCacheKey("synthetic-2", small(3))));
	}

	/** The graph NT-Xent equals a direct Java evaluation of its formula. */
	@Test
	void ntXentMatchesItsDefinition() {
		final int n = 5, m = 2 * n, dim = 7;
		final double t = 0.3;
		final SplittableRandom r = new SplittableRandom(5);
		final float[] z = new float[m * dim];
		for (int i = 0; i < z.length; i++)
			z[i] = (float) (r.nextDouble() - 0.5);
		final float[] notSelf = new float[m * m], pos = new float[m * m];
		for (int i = 0; i < m; i++)
			for (int j = 0; j < m; j++) {
				notSelf[i * m + j] = i == j ? 0 : 1;
				pos[i * m + j] = j == (i + n) % m ? 1 : 0;
			}
		final float graphLoss;
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> zp = tf.placeholder(TFloat32.class);
			final Placeholder<TFloat32> nsp = tf.placeholder(TFloat32.class);
			final Placeholder<TFloat32> pp = tf.placeholder(TFloat32.class);
			final var loss = EncoderGraph.ntXent(tf, zp, nsp, pp, t);
			try (Session s = TfRuntime.get().newSession(g);
					TFloat32 zt = tensor(z, m, dim);
					TFloat32 nst = tensor(notSelf, m, m);
					TFloat32 pt = tensor(pos, m, m);
					Result res = s.runner().feed(zp, zt).feed(nsp, nst)
						.feed(pp, pt).fetch(loss).run())
			{
				graphLoss = ((TFloat32) res.get(0)).getFloat();
			}
		}
		// reference: cosine similarities, softmax over j != i, positive i+n
		double total = 0;
		for (int i = 0; i < m; i++) {
			double den = 0, positive = 0;
			for (int j = 0; j < m; j++) {
				if (j == i) continue;
				double dot = 0, ni = 0, nj = 0;
				for (int c = 0; c < dim; c++) {
					dot += z[i * dim + c] * z[j * dim + c];
					ni += z[i * dim + c] * z[i * dim + c];
					nj += z[j * dim + c] * z[j * dim + c];
				}
				final double sim = dot / Math.sqrt(ni * nj) / t;
				den += Math.exp(sim);
				if (j == (i + n) % m) positive = sim;
			}
			total += Math.log(den) - positive;
		}
		assertEquals(total / m, graphLoss, 1e-4);
	}

	private static TFloat32 tensor(final float[] data, final int rows,
		final int cols)
	{
		return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(data));
	}

	@Test
	void sameSeedSameEncoder() {
		// NB: the race-free Adam (model.tf.Optimizers) makes training reproducible
		final EncoderCacheKey key = new EncoderCacheKey("v", small(2));
		final PatchSource pool = new SyntheticPool(96, 32, 5).source();
		final float[][] a, b;
		try (ContrastiveEncoder enc = new ContrastiveEncoder(key)) {
			enc.train(pool, Progress.NONE);
			a = enc.embed(pool, Progress.NONE);
		}
		try (ContrastiveEncoder enc = new ContrastiveEncoder(key)) {
			enc.train(pool, Progress.NONE);
			b = enc.embed(pool, Progress.NONE);
		}
		for (int i = 0; i < a.length; i++)
			org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], b[i], "patch " + i);
	}

	@Test
	void corruptCheckpointIsAUserError(@TempDir final Path dir) throws Exception {
		final EncoderCacheKey key = new EncoderCacheKey("v", small(1));
		try (ContrastiveEncoder enc = new ContrastiveEncoder(key)) {
			enc.train(new SyntheticPool(40, 32, 2).source(), Progress.NONE);
			enc.save(dir);
		}
		// damaged weights
		try (var files = Files.list(dir.resolve("variables"))) {
			for (final Path p : (Iterable<Path>) files::iterator)
				if (p.getFileName().toString().contains("data")) Files.write(p,
					new byte[] { 1, 2, 3 });
		}
		final UserException weights = assertThrows(UserException.class,
			() -> ContrastiveEncoder.load(dir));
		assertTrue(weights.getMessage().contains("retrain"), weights.getMessage());
		// damaged settings
		Files.writeString(dir.resolve("encoder.json"), "{ \"format\": ");
		assertThrows(UserException.class, () -> ContrastiveEncoder.load(dir));
		// missing folder
		assertThrows(UserException.class, () -> ContrastiveEncoder.load(dir
			.resolve("nothing-here")));
	}

	@Test
	void wrongPatchSizeAndBadSettingsAreUserErrors() {
		assertThrows(UserException.class, () -> new EncoderConfig(32, 30, 16, 16,
			4, 0.2, 32, 1, 0, 1e-3, 1));
		assertThrows(UserException.class, () -> new EncoderConfig(32, 32, 16, 16,
			4, 0.001, 32, 1, 0, 1e-3, 1));
		try (ContrastiveEncoder enc = new ContrastiveEncoder(new EncoderCacheKey(
			"v", small(1))))
		{
			final PatchSource wrong = new SyntheticPool(10, 64, 3).source();
			assertThrows(UserException.class, () -> enc.embed(wrong, Progress.NONE));
		}
	}

	@Test
	void trainingStopsOnCancel() {
		final int[] steps = { 0 };
		final Progress cancelAfterTwo = new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {
				steps[0] = (int) done;
			}

			@Override
			public boolean isCancelled() {
				return steps[0] >= 2;
			}
		};
		try (ContrastiveEncoder enc = new ContrastiveEncoder(new EncoderCacheKey(
			"v", small(5))))
		{
			assertThrows(CancelledException.class, () -> enc.train(
				new SyntheticPool(128, 32, 4).source(), cancelAfterTwo));
			assertEquals(2, steps[0]);
			assertEquals(0, enc.trainedEpochs());
		}
	}
}
