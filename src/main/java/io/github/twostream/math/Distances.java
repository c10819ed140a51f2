package io.github.twostream.math;

/**
 * Euclidean distances between float vectors, the inner loops of k-means and
 * of the acquisition strategies.
 */
public final class Distances {

	private Distances() {}

	/** Squared Euclidean distance between {@code a} and {@code b}. */
	public static float squared(final float[] a, final float[] b) {
		float s0 = 0, s1 = 0;
		final int d = a.length;
		int i = 0;
		// NB: two accumulators let the JIT pipeline the loop.
		for (; i + 1 < d; i += 2) {
			final float t0 = a[i] - b[i], t1 = a[i + 1] - b[i + 1];
			s0 += t0 * t0;
			s1 += t1 * t1;
		}
		if (i < d) {
			final float t = a[i] - b[i];
			s0 += t * t;
		}
		return s0 + s1;
	}

	/** Euclidean distance between {@code a} and {@code b}. */
	public static double euclidean(final float[] a, final float[] b) {
		return Math.sqrt(squared(a, b));
	}

	/**
	 * For every row of {@code points}, the Euclidean distance to the nearest
	 * row of {@code points} whose index is set in {@code from}; +infinity when
	 * {@code from} is empty.
	 */
	public static double[] nearest(final float[][] points,
		final java.util.BitSet from)
	{
		final double[] out = new double[points.length];
		java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
		for (int j = from.nextSetBit(0); j >= 0; j = from.nextSetBit(j + 1)) {
			final float[] q = points[j];
			for (int i = 0; i < points.length; i++) {
				final double dist = squared(points[i], q);
				if (dist < out[i]) out[i] = dist;
			}
		}
		for (int i = 0; i < out.length; i++)
			out[i] = Math.sqrt(out[i]);
		return out;
	}
}
