package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.twostream.bench.ClusteredVectors;
import io.github.twostream.util.Progress;

/**
 * The trained encoder groups patches by content better than chance and
 * better than raw-pixel PCA, on a synthetic pool with 0 / few / many blobs.
 */
class EmbeddingQualityTest {

	@Test
	void binsFollowTheirEdges() {
		final ForegroundBins b = ForegroundBins.defaults();
		assertEquals(3, b.count());
		assertEquals(0, b.bin(0.0));
		assertEquals(0, b.bin(0.009));
		assertEquals(1, b.bin(0.01));
		assertEquals(1, b.bin(0.19));
		assertEquals(2, b.bin(0.2));
		assertEquals(2, b.bin(1.0));
	}

	@Test
	void measureMatchesItsDefinition() {
		// two tight clusters: one all "none", one all "much" -> agreement 1
		final float[][] v = ClusteredVectors.make(60, 4, 1, 0.01, false, 1);
		final double[] fg = new double[60];
		for (int i = 30; i < 60; i++) {
			for (int j = 0; j < 4; j++)
				v[i][j] += 10;
			fg[i] = 0.5;
		}
		final EmbeddingQuality.Report r = EmbeddingQuality.measure(v, fg, 10,
			ForegroundBins.defaults(), Progress.NONE);
		assertEquals(1.0, r.agreement(), 1e-12);
		assertEquals(0.5, r.chance(), 1e-12);
		assertEquals(2.0, r.lift(), 1e-12);
	}

	@Test
	void groupsExcludeNearDuplicates() {
		// each patch has an exact copy (its "adjacent slice") whose bin differs
		// from everything else around it: with groups the copy is skipped
		final float[][] v = new float[40][];
		final double[] fg = new double[40];
		final int[] groups = new int[40];
		final java.util.SplittableRandom r = new java.util.SplittableRandom(4);
		for (int i = 0; i < 20; i++) {
			final float[] x = { (float) r.nextDouble(), (float) r.nextDouble() };
			v[2 * i] = x;
			v[2 * i + 1] = x.clone();
			fg[2 * i] = i % 2 == 0 ? 0.0 : 0.5; // neighbours' bins alternate
			fg[2 * i + 1] = fg[2 * i];
			groups[2 * i] = groups[2 * i + 1] = i;
		}
		final EmbeddingQuality.Report any = EmbeddingQuality.measure(v, fg, null,
			1, ForegroundBins.defaults(), Progress.NONE);
		assertEquals(1.0, any.agreement(), 1e-12, "the copy is the nearest");
		final EmbeddingQuality.Report grouped = EmbeddingQuality.measure(v, fg,
			groups, 1, ForegroundBins.defaults(), Progress.NONE);
		assertTrue(grouped.agreement() < 0.9, "copies skipped: " + grouped);
		// and the grouped value is the same-bin share of the nearest non-copy
		int same = 0;
		for (int i = 0; i < 40; i++) {
			int best = -1;
			double bd = Double.MAX_VALUE;
			for (int j = 0; j < 40; j++)
				if (groups[j] != groups[i]) {
					final double dd = HnswNeighbors.squaredDistance(v[i], v[j]);
					if (dd < bd) {
						bd = dd;
						best = j;
					}
				}
			if ((fg[best] > 0.2) == (fg[i] > 0.2)) same++;
		}
		assertEquals(same / 40.0, grouped.agreement(), 1e-12);
	}

	@Test
	void pcaFindsALowRankSubspace() {
		// patches 8x8 = a mix of 3 fixed images plus tiny noise
		final SplittableRandom r = new SplittableRandom(2);
		final float[][] basis = new float[3][64];
		for (final float[] b : basis)
			for (int j = 0; j < 64; j++)
				b[j] = (float) r.nextDouble();
		final float[][] patches = new float[500][64];
		for (final float[] p : patches) {
			final double a = r.nextDouble() * 3, b = r.nextDouble(), c = r
				.nextDouble() * 2;
			for (int j = 0; j < 64; j++)
				p[j] = (float) (a * basis[0][j] + b * basis[1][j] + c * basis[2][j] +
					1e-3 * (r.nextDouble() - 0.5));
		}
		final PatchSource src = PatchSources.of(patches, 8);
		final Pca pca = Pca.fit(src, 3, 1000, 20, 1, Progress.NONE);
		final float[][] y = pca.project(src);
		// distances in the 3-D projection equal distances in pixel space
		for (int i = 0; i < 50; i++) {
			final double dx = Math.sqrt(HnswNeighbors.squaredDistance(patches[i],
				patches[i + 1]));
			final double dy = Math.sqrt(HnswNeighbors.squaredDistance(y[i], y[i +
				1]));
			assertEquals(dx, dy, 1e-2 * Math.max(1, dx));
		}
	}

	@Test
	void trainedEncoderBeatsChanceAndRawPixelPca() {
		final SyntheticPool pool = new SyntheticPool(1200, 32, 42);
		final EncoderConfig config = new EncoderConfig(32, 32, 32, 32, 8, 0.2, 64,
			8, 0, 2e-3, 3);
		final float[][] emb;
		try (ContrastiveEncoder enc = new ContrastiveEncoder(new EncoderCacheKey(
			"synthetic-42", config)))
		{
			enc.train(pool.source(), Progress.NONE);
			emb = enc.embed(pool.source(), Progress.NONE);
		}
		final ForegroundBins bins = ForegroundBins.defaults();
		final EmbeddingQuality.Report encoder = EmbeddingQuality.measure(emb,
			pool.foreground, 10, bins, Progress.NONE);
		final EmbeddingQuality.Report raw = EmbeddingQuality.rawPixelBaseline(pool
			.source(), pool.foreground, 32, 10, bins, Progress.NONE);
		System.out.println("encoder: " + encoder + "\nraw PCA: " + raw);
		assertTrue(encoder.agreement() > encoder.chance() + 0.15, "encoder " +
			encoder);
		assertTrue(encoder.agreement() > raw.agreement() + 0.08, "encoder " +
			encoder + " vs raw " + raw);
	}
}
