package io.github.twostream.math;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Lloyd's k-means with k-means++ seeding on float vectors (Euclidean).
 * <p>
 * Deterministic for a given {@link Config#seed()}: the {@code nInit} runs use
 * seeds derived from it and the run with the lowest inertia wins. {@code k}
 * is clamped to the number of points (so {@code k >= n} gives one point per
 * cluster). Duplicate points are fine: when fewer distinct points than
 * clusters exist, the extra centres coincide and their clusters stay empty.
 * An empty cluster is re-seeded at the point farthest from its centre.
 * </p>
 * <p>
 * NB: hand-written on purpose. Maven Central has no small, maintained Java
 * k-means library: the options (Smile, Apache Commons Math 3 {@code
 * KMeansPlusPlusClusterer}, ELKI, Weka) either pull a large framework or are
 * unmaintained and box every point into objects. Lloyd + k-means++ is ~150
 * lines and works directly on the {@code float[][]} the streams produce.
 * </p>
 */
public final class KMeans {

	/**
	 * @param k number of clusters (clamped to the number of points)
	 * @param nInit independent k-means++ restarts; the lowest inertia wins
	 * @param maxIterations Lloyd iterations per restart (stops earlier when no
	 *          assignment changes)
	 * @param seed seed of the k-means++ sampling
	 */
	public record Config(int k, int nInit, int maxIterations, long seed) {

		public Config {
			if (k < 1) throw new UserException("k-means needs at least one cluster (k = " +
				k + ")", "ask for k >= 1");
			if (nInit < 1 || maxIterations < 1) throw new UserException(
				"k-means needs nInit >= 1 and maxIterations >= 1", "use e.g. nInit 3, maxIterations 100");
		}

		/** k clusters, 3 restarts, at most 100 iterations. */
		public static Config of(final int k, final long seed) {
			return new Config(k, 3, 100, seed);
		}
	}

	/**
	 * @param centroids one centre per cluster ({@code min(k, n)} rows)
	 * @param assignments the cluster of every point
	 * @param inertia sum of squared distances of the points to their centres
	 * @param iterations Lloyd iterations of the winning run
	 */
	public record Result(float[][] centroids, int[] assignments, double inertia,
		int iterations)
	{

		/** Number of clusters. */
		public int k() {
			return centroids.length;
		}

		/** Number of points in every cluster. */
		public int[] sizes() {
			final int[] sizes = new int[centroids.length];
			for (final int a : assignments)
				sizes[a]++;
			return sizes;
		}
	}

	private KMeans() {}

	/** Clusters {@code points} (all rows of equal length) with {@code config}. */
	public static Result fit(final float[][] points, final Config config) {
		return fit(points, config, Progress.NONE);
	}

	/**
	 * As {@link #fit(float[][], Config)}, checking {@code progress} for
	 * cancellation after every Lloyd iteration.
	 */
	public static Result fit(final float[][] points, final Config config,
		final Progress progress)
	{
		if (points.length == 0) throw new UserException(
			"k-means got no points", "give it at least one point");
		final int d = points[0].length;
		for (final float[] p : points)
			if (p.length != d) throw new UserException(
				"k-means points have different lengths (" + d + " and " + p.length +
					")", "give vectors of one dimension");
		final SplittableRandom seeds = new SplittableRandom(config.seed());
		Result best = null;
		for (int run = 0; run < config.nInit(); run++) {
			final Result r = run(points, Math.min(config.k(), points.length), config
				.maxIterations(), new SplittableRandom(seeds.nextLong()), progress);
			if (best == null || r.inertia() < best.inertia()) best = r;
		}
		return best;
	}

	private static Result run(final float[][] x, final int k, final int maxIter,
		final SplittableRandom random, final Progress progress)
	{
		final int n = x.length, d = x[0].length;
		final float[][] c = seed(x, k, random);
		final int[] assign = new int[n];
		Arrays.fill(assign, -1);
		final float[] dist = new float[n];
		int iter = 0;
		boolean changed = true;
		while (changed && iter < maxIter) {
			progress.checkCancelled();
			iter++;
			changed = assignAll(x, c, assign, dist);
			// update step
			final double[][] sum = new double[k][d];
			final int[] count = new int[k];
			for (int i = 0; i < n; i++) {
				final double[] s = sum[assign[i]];
				final float[] p = x[i];
				for (int j = 0; j < d; j++)
					s[j] += p[j];
				count[assign[i]]++;
			}
			for (int a = 0; a < k; a++) {
				if (count[a] == 0) continue;
				for (int j = 0; j < d; j++)
					c[a][j] = (float) (sum[a][j] / count[a]);
			}
			changed |= reseedEmpty(x, c, assign, dist, count);
		}
		assignAll(x, c, assign, dist);
		double inertia = 0;
		for (final float v : dist)
			inertia += v;
		return new Result(c, assign, inertia, iter);
	}

	/** Assigns every point to its nearest centre; true if any changed. */
	private static boolean assignAll(final float[][] x, final float[][] c,
		final int[] assign, final float[] dist)
	{
		boolean changed = false;
		for (int i = 0; i < x.length; i++) {
			int best = 0;
			float bestD = Float.POSITIVE_INFINITY;
			for (int a = 0; a < c.length; a++) {
				final float dd = Distances.squared(x[i], c[a]);
				if (dd < bestD) {
					bestD = dd;
					best = a;
				}
			}
			dist[i] = bestD;
			if (assign[i] != best) {
				assign[i] = best;
				changed = true;
			}
		}
		return changed;
	}

	/**
	 * Moves the centre of every empty cluster onto the point farthest from its
	 * own centre (that point then forms the cluster). True if any moved.
	 */
	private static boolean reseedEmpty(final float[][] x, final float[][] c,
		final int[] assign, final float[] dist, final int[] count)
	{
		boolean moved = false;
		for (int a = 0; a < c.length; a++) {
			if (count[a] > 0) continue;
			int far = -1;
			float farD = 0;
			for (int i = 0; i < x.length; i++)
				if (count[assign[i]] > 1 && dist[i] > farD) {
					farD = dist[i];
					far = i;
				}
			// NB: no point is apart from its centre (duplicates): stay empty.
			if (far < 0) continue;
			c[a] = x[far].clone();
			count[assign[far]]--;
			assign[far] = a;
			count[a] = 1;
			dist[far] = 0;
			moved = true;
		}
		return moved;
	}

	/** k-means++: first centre uniform, then proportional to D^2. */
	private static float[][] seed(final float[][] x, final int k,
		final SplittableRandom random)
	{
		final int n = x.length;
		final float[][] c = new float[k][];
		final double[] d2 = new double[n];
		int first = random.nextInt(n);
		c[0] = x[first].clone();
		for (int i = 0; i < n; i++)
			d2[i] = Distances.squared(x[i], c[0]);
		for (int a = 1; a < k; a++) {
			double total = 0;
			for (final double v : d2)
				total += v;
			int pick;
			if (total <= 0) {
				// NB: all remaining points coincide with a centre (duplicates).
				pick = random.nextInt(n);
			}
			else {
				double r = random.nextDouble() * total;
				pick = n - 1;
				for (int i = 0; i < n; i++) {
					r -= d2[i];
					if (r < 0) {
						pick = i;
						break;
					}
				}
				// NB: rounding may land on a zero-weight point; take the next positive one.
				while (d2[pick] <= 0)
					pick = (pick + 1) % n;
			}
			c[a] = x[pick].clone();
			for (int i = 0; i < n; i++) {
				final double dd = Distances.squared(x[i], c[a]);
				if (dd < d2[i]) d2[i] = dd;
			}
		}
		return c;
	}
}
