package io.github.twostream.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import io.github.twostream.util.UserException;

/**
 * Percentile bootstrap over seeds of one strategy's learning curves: 95 %
 * intervals for patches-to-90 %, patches-to-95 % and the normalised AUC of
 * the mean curve, and a pointwise band around the mean curve.
 * <p>
 * One resample draws as many seeds as were run, with replacement, averages
 * their curves at every labelled-patch count (the simulator uses the same
 * counts for every seed) and computes the figures of that mean curve exactly
 * as {@link Summaries} does for the real one. A resample whose mean curve
 * never reaches a target counts as +infinity, so an interval whose upper end
 * is not reached in at least 2.5 % of the resamples is open ({@code hi} =
 * +infinity, written {@code NA}). Deterministic for a seed.
 * </p>
 * <p>
 * NB: the bootstrap treats the seeds as the unit of replication; with 5
 * seeds its intervals are rough (a percentile interval over 5 values cannot
 * be wider than their range, so it under-covers). It is a noise gauge for
 * comparing strategies under one protocol, not an exact 95 % coverage.
 * </p>
 */
public final class Bootstrap {

	/** Default number of resamples. */
	public static final int RESAMPLES = 2000;

	/** Default resampling seed (fixed, so summary.csv is reproducible). */
	public static final long SEED = 20200823;

	/** A two-sided interval; {@code hi} may be +infinity (open). */
	public record Interval(double lo, double hi) {

		public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

		public boolean contains(final double v) {
			return v >= lo && v <= hi;
		}

		/** True if the two intervals share a point (NaN ends never overlap). */
		public boolean overlaps(final Interval o) {
			return lo <= o.hi && o.lo <= hi;
		}

		public double width() {
			return hi - lo;
		}
	}

	/**
	 * Intervals of one strategy.
	 *
	 * @param minutesTo90 interval of the SIMULATED annotation minutes
	 *          ({@link CostModel}) at which the mean curve reaches 90 %: each
	 *          resample averages its seeds' minutes as well as their IoU;
	 *          {@link Interval#NONE} when a drawn point has no annotation
	 *          seconds (rows of older runs)
	 * @param minutesTo95 same for 95 %
	 * @param x labelled-patch counts of the mean curve
	 * @param bandLo lower end of the pointwise 95 % band of the mean IoU
	 * @param bandHi upper end of that band
	 */
	public record Result(Interval patchesTo90, Interval patchesTo95,
		Interval auc, Interval minutesTo90, Interval minutesTo95, double[] x,
		double[] bandLo, double[] bandHi)
	{}

	private Bootstrap() {}

	/**
	 * Bootstraps the curves of {@code strategy}.
	 *
	 * @param fullIou full-supervision IoU (targets are 90 % and 95 % of it);
	 *          NaN gives NaN patch intervals
	 */
	public static Result of(final Curves curves, final String strategy,
		final double fullIou, final int resamples, final long seed)
	{
		final double[] x = xs(curves, strategy);
		final double[][] y = perSeed(curves, strategy, x, CurvePoint::iou);
		final double[][] minutes = perSeed(curves, strategy, x, p -> p
			.annotationSeconds() / 60);
		final int n = y.length, m = x.length;
		final double[] p90 = new double[resamples], p95 = new double[resamples],
			auc = new double[resamples], m90 = new double[resamples],
			m95 = new double[resamples];
		final double[][] means = new double[m][resamples];
		final SplittableRandom random = new SplittableRandom(seed);
		final double[] sum = new double[m], sumMinutes = new double[m];
		final int[] count = new int[m];
		final double[] mean = new double[m];
		for (int b = 0; b < resamples; b++) {
			Arrays.fill(sum, 0);
			Arrays.fill(sumMinutes, 0);
			Arrays.fill(count, 0);
			for (int i = 0; i < n; i++) {
				final int k = random.nextInt(n);
				for (int j = 0; j < m; j++)
					if (!Double.isNaN(y[k][j])) {
						sum[j] += y[k][j];
						sumMinutes[j] += minutes[k][j]; // NB: NaN spreads, as it should
						count[j]++;
					}
			}
			// NB: a point no drawn seed reached (a shorter, unfinished seed) is
			// left out of this resample's curve
			final List<Double> cx = new ArrayList<>(m), cy = new ArrayList<>(m),
				cm = new ArrayList<>(m);
			for (int j = 0; j < m; j++) {
				mean[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
				means[j][b] = mean[j];
				if (count[j] > 0) {
					cx.add(x[j]);
					cy.add(mean[j]);
					cm.add(sumMinutes[j] / count[j]);
				}
			}
			final double[] ax = array(cx), ay = array(cy), am = array(cm);
			p90[b] = reach(ax, ay, 0.90 * fullIou);
			p95[b] = reach(ax, ay, 0.95 * fullIou);
			auc[b] = Summaries.normalisedAuc(ax, ay);
			final boolean timed = Arrays.stream(am).noneMatch(Double::isNaN);
			m90[b] = timed ? reach(am, ay, 0.90 * fullIou) : Double.NaN;
			m95[b] = timed ? reach(am, ay, 0.95 * fullIou) : Double.NaN;
		}
		final double[] lo = new double[m], hi = new double[m];
		for (int j = 0; j < m; j++) {
			final Interval band = interval(means[j]);
			lo[j] = band.lo();
			hi[j] = band.hi();
		}
		final boolean targets = !Double.isNaN(fullIou);
		return new Result(targets ? interval(p90) : Interval.NONE, targets
			? interval(p95) : Interval.NONE, interval(auc), targets ? interval(m90)
				: Interval.NONE, targets ? interval(m95) : Interval.NONE, x, lo, hi);
	}

	private static double[] array(final List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/**
	 * Paired differences {@code a - b} of the mean-curve figures of two
	 * strategies, over the seeds both ran.
	 *
	 * @param a the first strategy
	 * @param b the strategy subtracted
	 * @param seeds the seeds both strategies ran to the same patch counts
	 * @param aucDiff AUC of a's mean curve minus b's; {@code aucDiffCi} its
	 *          95 % paired-bootstrap interval
	 * @param to90Diff patches to 90 % of a minus b (NaN: one never reached);
	 *          {@code to90DiffCi} its interval
	 * @param to95Diff same for 95 %
	 * @param aucWins seeds on which a's own curve has the higher AUC
	 */
	public record Paired(String a, String b, int seeds, double aucDiff,
		Interval aucDiffCi, double to90Diff, Interval to90DiffCi,
		double to95Diff, Interval to95DiffCi, int aucWins)
	{}

	/**
	 * Paired bootstrap of {@code a - b}: one resample draws seeds with
	 * replacement and takes both strategies' curves of each drawn seed.
	 * <p>
	 * NB: a seed fixes the initial set (and round 0's model) for every
	 * strategy, so most of a seed's luck is shared; resampling the pairs
	 * removes it from the difference, which the two strategies' own intervals
	 * ({@link #of}) cannot do. Only seeds with both curves complete to the
	 * same labelled-patch counts count. A resample in which one strategy never
	 * reaches a target gives no patch difference (left out; NaN if most do).
	 * </p>
	 */
	public static Paired paired(final Curves curves, final String a,
		final String b, final double fullIou, final int resamples, final long seed)
	{
		for (final String s : List.of(a, b))
			if (!curves.strategies().contains(s)) throw new UserException(
				"Strategy " + s + " is not in these curves",
				"compare two of: " + String.join(", ", curves.strategies()));
		final double[] x = xs(curves, a);
		if (!Arrays.equals(x, xs(curves, b))) throw new UserException(
			"Strategies " + a + " and " + b + " have curves over different patch counts",
			"compare strategies of one simulate run");
		final Map<Long, double[]> ra = complete(curves, a, x), rb = complete(
			curves, b, x);
		ra.keySet().retainAll(rb.keySet());
		final int n = ra.size();
		if (n < 2) throw new UserException("Strategies " + a + " and " + b +
			" share " + n + " complete seed" + (n == 1 ? "" : "s"),
			"run both on at least 2 seeds to the same budget");
		final double[][] ya = new double[n][], yb = new double[n][];
		int i = 0, wins = 0;
		for (final long s : ra.keySet()) {
			ya[i] = ra.get(s);
			yb[i] = rb.get(s);
			if (Summaries.normalisedAuc(x, ya[i]) > Summaries.normalisedAuc(x,
				yb[i])) wins++;
			i++;
		}
		final int[] all = IntStream.range(0, n).toArray();
		final double[] est = differences(x, ya, yb, all, fullIou);
		final double[][] d = new double[3][resamples];
		final SplittableRandom random = new SplittableRandom(seed);
		final int[] draw = new int[n];
		for (int r = 0; r < resamples; r++) {
			for (int j = 0; j < n; j++)
				draw[j] = random.nextInt(n);
			final double[] e = differences(x, ya, yb, draw, fullIou);
			for (int f = 0; f < 3; f++)
				d[f][r] = e[f];
		}
		return new Paired(a, b, n, est[0], interval(d[0]), est[1], mostly(d[1]),
			est[2], mostly(d[2]), wins);
	}

	/** {@link #paired} with {@link #RESAMPLES} and {@link #SEED}. */
	public static Paired paired(final Curves curves, final String a,
		final String b, final double fullIou)
	{
		return paired(curves, a, b, fullIou, RESAMPLES, SEED);
	}

	/** {AUC, patches to 90 %, patches to 95 %} of mean(a) - mean(b) over draw. */
	private static double[] differences(final double[] x, final double[][] ya,
		final double[][] yb, final int[] draw, final double fullIou)
	{
		final double[] ma = new double[x.length], mb = new double[x.length];
		for (final int k : draw)
			for (int j = 0; j < x.length; j++) {
				ma[j] += ya[k][j] / draw.length;
				mb[j] += yb[k][j] / draw.length;
			}
		return new double[] { Summaries.normalisedAuc(x, ma) - Summaries
			.normalisedAuc(x, mb), Summaries.patchesToReach(x, ma, 0.90 * fullIou) -
				Summaries.patchesToReach(x, mb, 0.90 * fullIou), Summaries
					.patchesToReach(x, ma, 0.95 * fullIou) - Summaries.patchesToReach(x,
						mb, 0.95 * fullIou) };
	}

	/** {@link #interval} if at least half the values are defined, else NONE. */
	private static Interval mostly(final double[] values) {
		final long defined = Arrays.stream(values).filter(v -> !Double.isNaN(v))
			.count();
		return 2 * defined >= values.length ? interval(values) : Interval.NONE;
	}

	/** The seeds of {@code strategy} with a point at every x, by seed. */
	private static Map<Long, double[]> complete(final Curves curves,
		final String strategy, final double[] x)
	{
		final Map<Long, double[]> rows = bySeed(curves, strategy, x,
			CurvePoint::iou);
		rows.values().removeIf(r -> Arrays.stream(r).anyMatch(Double::isNaN));
		return rows;
	}

	/** {@link #of} with {@link #RESAMPLES} and {@link #SEED}. */
	public static Result of(final Curves curves, final String strategy,
		final double fullIou)
	{
		return of(curves, strategy, fullIou, RESAMPLES, SEED);
	}

	/**
	 * The 2.5 % and 97.5 % percentiles (linear interpolation between order
	 * statistics); NaN values are dropped, NaN if none is left.
	 */
	public static Interval interval(final double[] values) {
		final double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d))
			.sorted().toArray();
		if (v.length == 0) return Interval.NONE;
		return new Interval(quantile(v, 0.025), quantile(v, 0.975));
	}

	/** Quantile {@code q} of sorted {@code v} (R type 7). */
	static double quantile(final double[] v, final double q) {
		final double h = (v.length - 1) * q;
		final int i = (int) Math.floor(h);
		if (i + 1 >= v.length) return v[v.length - 1];
		final double f = h - i;
		// NB: an infinite neighbour with weight 0 must not make the result NaN
		if (f == 0) return v[i];
		if (Double.isInfinite(v[i + 1])) return v[i + 1];
		return v[i] + f * (v[i + 1] - v[i]);
	}

	private static double reach(final double[] x, final double[] y,
		final double target)
	{
		if (Double.isNaN(target)) return Double.NaN;
		final double p = Summaries.patchesToReach(x, y, target);
		return Double.isNaN(p) ? Double.POSITIVE_INFINITY : p;
	}

	/** The distinct labelled-patch counts of a strategy, ascending. */
	private static double[] xs(final Curves curves, final String strategy) {
		return curves.of(strategy).stream().mapToDouble(
			CurvePoint::labelledPatches).distinct().sorted().toArray();
	}

	/** The rows of {@link #bySeed}, seeds ascending. */
	private static double[][] perSeed(final Curves curves,
		final String strategy, final double[] x,
		final ToDoubleFunction<CurvePoint> value)
	{
		return bySeed(curves, strategy, x, value).values().toArray(
			new double[0][]);
	}

	/**
	 * One row per seed: {@code value} of its point at every x of {@link #xs}
	 * (NaN if absent).
	 */
	private static Map<Long, double[]> bySeed(final Curves curves,
		final String strategy, final double[] x,
		final ToDoubleFunction<CurvePoint> value)
	{
		final Map<Long, double[]> rows = new TreeMap<>();
		for (final CurvePoint p : curves.of(strategy)) {
			final double[] row = rows.computeIfAbsent(p.seed(), s -> {
				final double[] r = new double[x.length];
				Arrays.fill(r, Double.NaN);
				return r;
			});
			row[Arrays.binarySearch(x, p.labelledPatches())] = value.applyAsDouble(p);
		}
		return rows;
	}
}
