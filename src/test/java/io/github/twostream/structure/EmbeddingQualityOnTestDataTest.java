package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.twostream.loop.PoolPatches;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * Issue "stream B quality" on the bundled test-data: the share of a patch's
 * 10 nearest neighbours (from other (y, x) positions: the same position on
 * the next section is a near-copy) whose ground-truth foreground fraction
 * falls in the same bin is above chance and above raw-pixel PCA of the same
 * dimension.
 */
class EmbeddingQualityOnTestDataTest {

	@Test
	void encoderBeatsChanceAndRawPixels() {
		try (Volume v = Volumes.open("test-data/train-volume.tif");
				LabelImage labels = LabelImages.open("test-data/train-labels.tif", v))
		{
			final PatchGrid grid = new PatchGrid(v.depth(), v.height(), v.width(), 64,
				32);
			final PoolPatches pool = new PoolPatches(v, grid);
			final double[] fg = new double[grid.size()];
			final int[] groups = new int[grid.size()];
			byte[] mask = null;
			for (final Patch p : grid.patches()) {
				mask = labels.readPatch(p, mask);
				int n = 0;
				for (int i = 0; i < p.size(); i++)
					if ((mask[i] & 0xff) == 255) n++;
				fg[p.id()] = (double) n / p.size();
				groups[p.id()] = p.y() * v.width() + p.x();
			}
			final EncoderConfig config = EncoderConfig.defaults().withEpochs(12);
			final float[][] emb;
			try (ContrastiveEncoder enc = new ContrastiveEncoder(new EncoderCacheKey(
				"test-data", config)))
			{
				enc.train(pool, Progress.NONE);
				emb = enc.embed(pool, Progress.NONE);
			}
			final ForegroundBins bins = ForegroundBins.defaults();
			final EmbeddingQuality.Report encoder = EmbeddingQuality.measure(emb, fg,
				groups, 10, bins, Progress.NONE);
			final EmbeddingQuality.Report raw = EmbeddingQuality.measure(
				EmbeddingQuality.rawPixelPca(pool, config.embeddingDim(),
					Progress.NONE), fg, groups, 10, bins, Progress.NONE);
			System.out.println("test-data embedding quality: encoder " + encoder +
				"; raw-pixel PCA " + raw);
			assertTrue(encoder.agreement() > encoder.chance() + 0.1, encoder
				.toString());
			assertTrue(encoder.agreement() > raw.agreement(), encoder + " vs " + raw);
		}
	}
}
