package io.github.twostream.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.twostream.util.UserException;

/**
 * The noise-floor check of the protocol: two simulation output folders made
 * with identical settings except the run id (same seeds, so the same initial
 * sets; every training and strategy seed salted differently) must land
 * inside each other's intervals. For every strategy both folders hold, it
 * compares the 95 % bootstrap intervals ({@link Bootstrap}) of patches to
 * 90 % / 95 % and of the AUC.
 */
public final class NoiseFloor {

	/** One compared figure. */
	public record Row(String strategy, String figure, double a,
		Bootstrap.Interval ciA, double b, Bootstrap.Interval ciB)
	{

		/** The two intervals share a point. */
		public boolean overlap() {
			return ciA.overlaps(ciB);
		}

		/** Each estimate lies inside the other run's interval. */
		public boolean inside() {
			return contains(ciB, a) && contains(ciA, b);
		}

		private static boolean contains(final Bootstrap.Interval ci,
			final double v)
		{
			// NB: "not reached" (NaN) lies inside an open interval
			return Double.isNaN(v) ? ci.hi() == Double.POSITIVE_INFINITY : ci
				.contains(v);
		}
	}

	private NoiseFloor() {}

	/** Compares the summaries of two output folders. */
	public static List<Row> compare(final Path a, final Path b) {
		final Curves ca = SimulationReports.curves(a), cb = SimulationReports
			.curves(b);
		final double fa = SimulationReports.referenceIou(a), fb = SimulationReports
			.referenceIou(b);
		final List<StrategySummary> sa = Summaries.summarise(ca, fa), sb =
			Summaries.summarise(cb, fb);
		final List<Row> rows = new ArrayList<>();
		for (final StrategySummary x : sa)
			for (final StrategySummary y : sb) {
				if (!x.strategy().equals(y.strategy())) continue;
				rows.add(new Row(x.strategy(), "patches_to_90", x.patchesTo90(), x
					.patchesTo90Ci(), y.patchesTo90(), y.patchesTo90Ci()));
				rows.add(new Row(x.strategy(), "patches_to_95", x.patchesTo95(), x
					.patchesTo95Ci(), y.patchesTo95(), y.patchesTo95Ci()));
				rows.add(new Row(x.strategy(), "auc", x.auc(), x.aucCi(), y.auc(), y
					.aucCi()));
			}
		if (rows.isEmpty()) throw new UserException("The folders " + a + " and " +
			b + " have no strategy in common", "compare two runs of the same settings");
		return rows;
	}

	/** A console table and a one-line verdict. */
	public static String report(final List<Row> rows) {
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
			"%-22s %-14s %9s %-20s %9s %-20s %-7s %-6s%n", "strategy", "figure", "A",
			"A 95%CI", "B", "B 95%CI", "overlap", "inside"));
		int overlap = 0, inside = 0;
		for (final Row r : rows) {
			sb.append(String.format(Locale.ROOT,
				"%-22s %-14s %9s %-20s %9s %-20s %-7s %-6s%n", r.strategy(), r.figure(),
				num(r.a()), ci(r.ciA()), num(r.b()), ci(r.ciB()), r.overlap() ? "yes"
					: "NO", r.inside() ? "yes" : "no"));
			if (r.overlap()) overlap++;
			if (r.inside()) inside++;
		}
		sb.append(String.format(Locale.ROOT,
			"noise floor: %d/%d intervals overlap, %d/%d estimates inside the other " +
				"run's interval -> %s%n", overlap, rows.size(), inside, rows.size(),
			overlap == rows.size() ? "PASS (the two identical configurations agree)"
				: "FAIL (identical configurations disagree: the protocol is too noisy)"));
		return sb.toString();
	}

	/**
	 * Round-to-round jitter of a strategy's curves: the mean over seeds and
	 * rounds of {@code |y[r+1] - 2 y[r] + y[r-1]| / 2}, the distance of each
	 * point from the midpoint of its neighbours (0 for a straight or smoothly
	 * bending curve; a one-round dip of d adds about d to its round).
	 */
	public static double jitter(final Curves curves, final String strategy) {
		final java.util.Map<Long, List<Double>> bySeed = new java.util.TreeMap<>();
		for (final CurvePoint p : curves.of(strategy))
			bySeed.computeIfAbsent(p.seed(), s -> new ArrayList<>()).add(p.iou());
		double sum = 0;
		int n = 0;
		for (final List<Double> y : bySeed.values())
			for (int r = 1; r + 1 < y.size(); r++) {
				sum += Math.abs(y.get(r + 1) - 2 * y.get(r) + y.get(r - 1)) / 2;
				n++;
			}
		return n == 0 ? Double.NaN : sum / n;
	}

	/** Jitter of every strategy of both folders, as console lines. */
	public static String jitterReport(final Path a, final Path b) {
		final Curves ca = SimulationReports.curves(a), cb = SimulationReports
			.curves(b);
		final StringBuilder sb = new StringBuilder();
		for (final String s : ca.strategies())
			sb.append(String.format(Locale.ROOT,
				"jitter %-22s A %.4f  B %.4f  (mean |y[r+1] - 2y[r] + y[r-1]| / 2)%n", s,
				jitter(ca, s), jitter(cb, s)));
		return sb.toString();
	}

	private static String num(final double v) {
		return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, v < 2 ? "%.4f"
			: "%.1f", v);
	}

	private static String ci(final Bootstrap.Interval i) {
		return "[" + num(i.lo()) + ", " + (i.hi() == Double.POSITIVE_INFINITY
			? "open" : num(i.hi())) + "]";
	}
}
