package io.github.twostream.acquisition;

import java.util.Arrays;
import java.util.BitSet;

import org.scijava.plugin.Plugin;

import io.github.twostream.math.Distances;
import io.github.twostream.math.KMeans;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * ProbCover (Yehuda et al. 2022): maximum coverage of the stream B embedding
 * with balls of radius {@code delta}.
 * <p>
 * The ball graph links every two patches closer than {@code delta}
 * (Euclidean, stream B). Patches in the ball of a labelled patch start
 * covered. Each pick is the candidate whose ball holds the most uncovered
 * patches (ties: lower id); its ball becomes covered. When nothing is left
 * to cover, the rest are seeded random candidates. The suggestion score is
 * the number of patches the pick newly covered.
 * </p>
 * <p>
 * <b>Choosing delta.</b> The paper picks the largest delta whose balls are
 * "pure" for k-means pseudo-labels with as many clusters as classes. EM
 * patches have no known class count, and over-clustering makes that delta
 * tiny (balls of one patch), so the default is a scale rule instead: delta is
 * the median distance from a patch to its {@code ceil(n / 2(|L| + k))}-th
 * nearest patch, i.e. a ball holds about half the share of the pool that
 * each labelled or requested patch should stand for (half, so that a ball
 * stays inside one region of a clustered embedding instead of bridging two). The paper's rule is
 * available with {@code purityClusters > 0}: a patch's ball is pure iff
 * delta is below its distance to the nearest patch of another cluster, so
 * the largest delta with a fraction {@code purity} (e.g. 0.95) of pure balls
 * is the {@code (1 - purity)} quantile of those distances. A fixed
 * {@code delta} can be given as well.
 * </p>
 * <p>
 * Cost: one brute-force pass over all pairs (blocked for cache reuse; two
 * with the purity rule),
 * {@code O(n^2 d)}: fine up to ~20k patches. The graph is refused (with a
 * hint to lower delta) above {@value #MAX_EDGES} edges.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name = ProbCoverStrategy.NAME,
	priority = 30)
public class ProbCoverStrategy extends AbstractStrategy {

	public static final String NAME = "probcover";

	/** Refuse ball graphs with more (directed) edges than this. */
	public static final long MAX_EDGES = 100_000_000L;

	private static final int BLOCK = 128;

	/**
	 * @param delta ball radius in the stream B embedding; NaN = automatic
	 * @param purity target fraction of pure balls for the purity rule
	 * @param purityClusters k-means clusters used as pseudo-labels by the
	 *          purity rule; 0 = use the scale rule (default)
	 */
	public record Params(double delta, double purity, int purityClusters) {

		public Params {
			if (delta <= 0) throw new UserException("ProbCover delta " + delta +
				" is not positive", "give a positive radius or leave it automatic");
			if (!(purity > 0 && purity < 1)) throw new UserException(
				"ProbCover purity " + purity + " is outside (0, 1)", "use e.g. 0.95");
			if (purityClusters < 0 || purityClusters == 1) throw new UserException(
				"ProbCover needs 0 (scale rule) or at least 2 purity clusters",
				"use e.g. the number of structure classes, or 0");
		}

		public static final Params DEFAULT = new Params(Double.NaN, 0.95, 0);
	}

	private final Params params;

	public ProbCoverStrategy() {
		this(Params.DEFAULT);
	}

	public ProbCoverStrategy(final Params params) {
		this.params = params;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "ProbCover: greedy maximum coverage of the stream B embedding with delta-balls";
	}

	@Override
	public boolean needsTaskModel() {
		return false;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		final float[][] z = ctx.hasStreamB() ? ctx.unsupervisedEmbedding() : ctx
			.supervisedEmbedding();
		if (z == null) return renamed(new RandomStrategy().choose(ctx, candidates,
			k, seed, progress), Fallbacks.NO_STREAMS);
		final int n = z.length;
		final double delta = !Double.isNaN(params.delta()) ? params.delta()
			: params.purityClusters() > 0 ? purityDelta(z, params, seed, progress)
				: TwoStreamStrategy.autoRadius(z, java.util.stream.IntStream.range(0,
					n).toArray(), 2 * (ctx.labelledCount() + k), seed);
		progress.status("ProbCover: ball graph of " + n + " patches");
		final int[][] ball = ballGraph(z, (float) (delta * delta), progress);

		final boolean[] covered = new boolean[n];
		final int[] gain = new int[n]; // uncovered patches in each ball (incl. self)
		for (int i = 0; i < n; i++)
			gain[i] = ball[i].length + 1;
		final BitSet labelled = ctx.labelled();
		for (int l = labelled.nextSetBit(0); l >= 0; l = labelled.nextSetBit(l +
			1))
			cover(l, ball, covered, gain);

		final boolean[] taken = new boolean[n];
		final double[] score = new double[n];
		final int[] out = new int[k];
		int p = 0;
		for (; p < k; p++) {
			int best = -1;
			for (final int id : candidates)
				if (!taken[id] && (best < 0 || gain[id] > gain[best])) best = id;
			if (gain[best] == 0) break;
			score[best] = gain[best];
			out[p] = best;
			taken[best] = true;
			cover(best, ball, covered, gain);
		}
		String note = "delta = " + String.format("%.4g", delta);
		if (p < k) {
			// NB: everything is covered; fill up at random as the paper does.
			final int[] rest = Arrays.stream(candidates).filter(id -> !taken[id])
				.toArray();
			final int[] extra = RandomStrategy.sample(rest, k - p, seed);
			System.arraycopy(extra, 0, out, p, k - p);
			note += "; all covered after " + p + " picks, the rest are random";
		}
		if (!ctx.hasStreamB()) note += "; no stream B: used the task model's embedding";
		return selection(ctx, out, score, note);
	}

	/** Covers {@code c}'s ball, updating the gains of the affected balls. */
	private static void cover(final int c, final int[][] ball,
		final boolean[] covered, final int[] gain)
	{
		coverOne(c, ball, covered, gain);
		for (final int u : ball[c])
			coverOne(u, ball, covered, gain);
	}

	private static void coverOne(final int u, final int[][] ball,
		final boolean[] covered, final int[] gain)
	{
		if (covered[u]) return;
		covered[u] = true;
		gain[u]--;
		for (final int v : ball[u])
			gain[v]--;
	}

	/** Neighbours within squared radius {@code r2} of every point (no self). */
	static int[][] ballGraph(final float[][] z, final float r2,
		final Progress progress)
	{
		final int n = z.length;
		final int[][] ball = new int[n][4];
		final int[] degree = new int[n];
		long edges = 0;
		// NB: one blocked pass over the pairs i < j; rows grow by doubling.
		for (int bi = 0; bi < n; bi += BLOCK) {
			progress.checkCancelled();
			progress.progress(bi, n);
			for (int bj = bi; bj < n; bj += BLOCK) {
				for (int i = bi; i < Math.min(bi + BLOCK, n); i++)
					for (int j = Math.max(bj, i + 1); j < Math.min(bj + BLOCK, n); j++)
						if (Distances.squared(z[i], z[j]) < r2) {
							add(ball, degree, i, j);
							add(ball, degree, j, i);
							edges += 2;
						}
				if (edges > MAX_EDGES) throw new UserException(
					"The ProbCover ball graph has more than " + MAX_EDGES + " edges",
					"give a smaller delta or a higher purity");
			}
		}
		progress.progress(n, n);
		for (int i = 0; i < n; i++)
			ball[i] = Arrays.copyOf(ball[i], degree[i]);
		return ball;
	}

	private static void add(final int[][] ball, final int[] degree, final int i,
		final int j)
	{
		if (degree[i] == ball[i].length) ball[i] = Arrays.copyOf(ball[i], 2 *
			ball[i].length);
		ball[i][degree[i]++] = j;
	}

	/** The purity-based delta (see the class javadoc). */
	static double purityDelta(final float[][] z, final Params params,
		final long seed, final Progress progress)
	{
		final int n = z.length;
		final KMeans.Result km = KMeans.fit(z, new KMeans.Config(Math.min(
			params.purityClusters(), n), 1, 50, seed), progress);
		if (km.k() < 2) return 1e-6;
		final int[] a = km.assignments();
		final float[] nearestOther = new float[n];
		Arrays.fill(nearestOther, Float.POSITIVE_INFINITY);
		for (int bi = 0; bi < n; bi += BLOCK) {
			progress.checkCancelled();
			for (int bj = bi; bj < n; bj += BLOCK)
				for (int i = bi; i < Math.min(bi + BLOCK, n); i++)
					for (int j = Math.max(bj, i + 1); j < Math.min(bj + BLOCK, n); j++)
						if (a[i] != a[j]) {
							final float d = Distances.squared(z[i], z[j]);
							if (d < nearestOther[i]) nearestOther[i] = d;
							if (d < nearestOther[j]) nearestOther[j] = d;
						}
		}
		Arrays.sort(nearestOther);
		final int q = (int) Math.floor((1 - params.purity()) * (n - 1));
		final double delta = Math.sqrt(nearestOther[q]);
		// NB: coincident clusters give 0; keep the radius positive.
		return delta > 0 ? delta : 1e-6;
	}

}
