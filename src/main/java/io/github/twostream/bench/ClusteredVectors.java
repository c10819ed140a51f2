package io.github.twostream.bench;

import java.util.SplittableRandom;

/**
 * Random clustered vectors, optionally L2-normalised: the synthetic pools of
 * {@link StructureBench} and of the neighbour-search tests.
 */
public final class ClusteredVectors {

	private ClusteredVectors() {}

	public static float[][] make(final int n, final int dim, final int clusters,
		final double spread, final boolean normalise, final long seed)
	{
		final SplittableRandom r = new SplittableRandom(seed);
		final float[][] centres = new float[clusters][dim];
		for (final float[] c : centres)
			for (int j = 0; j < dim; j++)
				c[j] = (float) gaussian(r);
		final float[][] v = new float[n][dim];
		for (int i = 0; i < n; i++) {
			final float[] c = centres[r.nextInt(clusters)];
			double s = 0;
			for (int j = 0; j < dim; j++) {
				v[i][j] = (float) (c[j] + spread * gaussian(r));
				s += v[i][j] * v[i][j];
			}
			if (normalise) for (int j = 0; j < dim; j++)
				v[i][j] /= (float) Math.sqrt(s);
		}
		return v;
	}

	/** A standard normal sample (polar Box-Muller). */
	public static double gaussian(final SplittableRandom r) {
		double u, v, s;
		do {
			u = 2 * r.nextDouble() - 1;
			v = 2 * r.nextDouble() - 1;
			s = u * u + v * v;
		}
		while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}
}
