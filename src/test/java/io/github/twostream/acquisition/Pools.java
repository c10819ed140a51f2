package io.github.twostream.acquisition;

import java.util.Arrays;
import java.util.Random;

import io.github.twostream.math.Distances;

/**
 * Synthetic pools for the strategy tests: {@code clusters} Gaussian blobs of
 * {@code per} patches, then {@code outliers} scattered patches, with a
 * stream B embedding (L2-normalised), kNN typicality, and a stream A
 * embedding with the same cluster structure in other coordinates.
 */
final class Pools {

	final int clusters, per, outliers, n;
	final int[] cluster; // -1 for outliers
	final float[][] zb, za;
	final double[] typicality;

	Pools(final int clusters, final int per, final int outliers,
		final long seed)
	{
		this.clusters = clusters;
		this.per = per;
		this.outliers = outliers;
		this.n = clusters * per + outliers;
		final Random r = new Random(seed);
		cluster = new int[n];
		zb = new float[n][16];
		za = new float[n][8];
		final float[][] cb = new float[clusters][16], ca = new float[clusters][8];
		for (int c = 0; c < clusters; c++) {
			cb[c][c % 16] = 1; // orthogonal directions on the sphere
			for (int j = 0; j < 8; j++)
				ca[c][j] = (float) (5 * r.nextGaussian());
		}
		for (int i = 0; i < n; i++) {
			final int c = i < clusters * per ? i / per : -1;
			cluster[i] = c;
			for (int j = 0; j < 16; j++)
				zb[i][j] = c >= 0 ? (float) (cb[c][j] + 0.08 * r.nextGaussian())
					: (float) r.nextGaussian();
			for (int j = 0; j < 8; j++)
				za[i][j] = c >= 0 ? (float) (ca[c][j] + 0.3 * r.nextGaussian())
					: (float) (5 * r.nextGaussian());
			normalise(zb[i]);
		}
		typicality = knnTypicality(zb, 10);
	}

	static void normalise(final float[] v) {
		double s = 0;
		for (final float x : v)
			s += x * x;
		final double norm = Math.sqrt(s);
		for (int j = 0; j < v.length; j++)
			v[j] /= norm;
	}

	/** 1 / mean distance to the k nearest neighbours (TypiClust). */
	static double[] knnTypicality(final float[][] z, final int k) {
		final double[] t = new double[z.length];
		final double[] d = new double[z.length];
		for (int i = 0; i < z.length; i++) {
			for (int j = 0; j < z.length; j++)
				d[j] = Distances.euclidean(z[i], z[j]);
			Arrays.sort(d);
			double s = 0;
			for (int j = 1; j <= k; j++)
				s += d[j];
			t[i] = 1 / (s / k + 1e-9);
		}
		return t;
	}

	/** Stream B only (cold start). */
	AcquisitionContext.Builder streamB() {
		return AcquisitionContext.builder(n).unsupervisedEmbedding(zb).typicality(
			typicality);
	}

	/** Both streams with the given entropy; margin/bald derived from it. */
	AcquisitionContext.Builder both(final double[] entropy) {
		final double[] margin = new double[n], bald = new double[n];
		for (int i = 0; i < n; i++) {
			margin[i] = entropy[i] * 0.9 + 0.01 * ((i * 7) % 5);
			bald[i] = entropy[i] * 0.5 + 0.02 * ((i * 3) % 7);
		}
		return streamB().entropy(entropy).margin(margin).bald(bald)
			.supervisedEmbedding(za).round(1);
	}

	/** Random entropy in [0, 1). */
	double[] noiseEntropy(final long seed) {
		final Random r = new Random(seed);
		final double[] e = new double[n];
		for (int i = 0; i < n; i++)
			e[i] = r.nextDouble();
		return e;
	}

	long clustersHit(final int[] ids) {
		return Arrays.stream(ids).map(i -> cluster[i]).filter(c -> c >= 0)
			.distinct().count();
	}
}
