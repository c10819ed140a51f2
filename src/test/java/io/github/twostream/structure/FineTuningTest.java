package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Optional supervised fine-tuning: off is a no-op, on pulls same-class patches together. */
class FineTuningTest {

	@Test
	void fineTuningOnLabelsImprovesAgreementOnUnlabelledPatches(
		@TempDir final Path dir)
	{
		final SyntheticPool pool = new SyntheticPool(600, 32, 8);
		final ForegroundBins bins = ForegroundBins.defaults();
		final EncoderConfig config = new EncoderConfig(32, 32, 16, 16, 4, 0.2, 64,
			2, 0, 2e-3, 5);
		final int labelled = 240;
		final int[] ids = new int[labelled], classes = new int[labelled];
		for (int i = 0; i < labelled; i++) {
			ids[i] = i;
			classes[i] = bins.bin(pool.foreground[i]);
		}
		final int[] rest = new int[600 - labelled];
		final double[] restFg = new double[rest.length];
		for (int i = 0; i < rest.length; i++) {
			rest[i] = labelled + i;
			restFg[i] = pool.foreground[labelled + i];
		}
		final PatchSource unlabelled = PatchSources.subset(pool.source(), rest);
		try (ContrastiveEncoder enc = new ContrastiveEncoder(new EncoderCacheKey(
			"synthetic-8", config)))
		{
			enc.train(pool.source(), Progress.NONE);
			final float[][] before = enc.embed(unlabelled, Progress.NONE);
			assertEquals(0, enc.fineTune(pool.source(), ids, classes, FineTuning
				.off(), Progress.NONE).length);
			assertEquals("", enc.fineTunedOn());
			final float[][] same = enc.embed(unlabelled, Progress.NONE);
			for (int i = 0; i < same.length; i++)
				assertArrayEquals(before[i], same[i], 1e-6f, "off changes nothing");

			final double[] losses = enc.fineTune(pool.source(), ids, classes,
				FineTuning.on(8), Progress.NONE);
			assertEquals(8, losses.length);
			assertFalse(enc.fineTunedOn().isEmpty());
			final float[][] after = enc.embed(unlabelled, Progress.NONE);
			final double a0 = EmbeddingQuality.measure(before, restFg, 10, bins,
				Progress.NONE).agreement();
			final double a1 = EmbeddingQuality.measure(after, restFg, 10, bins,
				Progress.NONE).agreement();
			System.out.println("fine-tuning: agreement " + a0 + " -> " + a1);
			assertTrue(a1 > a0 + 0.05, "agreement " + a0 + " -> " + a1);
			enc.save(dir);
			final String tuned = enc.fineTunedOn();
			try (ContrastiveEncoder loaded = ContrastiveEncoder.load(dir)) {
				assertEquals(tuned, loaded.fineTunedOn());
			}
			assertThrows(UserException.class, () -> enc.fineTune(pool.source(),
				new int[] { 1 }, new int[] { 0 }, FineTuning.on(1), Progress.NONE));
		}
	}
}
