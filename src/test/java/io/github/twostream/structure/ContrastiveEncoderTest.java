package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
			assertTrue(losses[2] < losses[0], "loss did not drop: " + java.util.Arrays
				.toString(losses));
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
