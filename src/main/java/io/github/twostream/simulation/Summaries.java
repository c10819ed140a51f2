package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.twostream.acquisition.RandomStrategy;
import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.UserException;

/**
 * Turns learning curves into the figures of {@code summary.csv}: labelled
 * patches needed for 90 % / 95 % of the full-supervision IoU, area under the
 * curve, and the ratio of patches needed compared with {@code random}; with
 * 95 % percentile-bootstrap intervals over seeds ({@link Bootstrap}) for the
 * first three.
 */
public final class Summaries {

	/** The {@code summary.csv} header. */
	public static final String HEADER =
		"strategy,seeds,final_labelled,final_iou,full_iou,patches_to_90," +
			"patches_to_95,auc,ratio_to_random_90,ratio_to_random_95," +
			"patches_to_90_lo,patches_to_90_hi,patches_to_95_lo,patches_to_95_hi," +
			"auc_lo,auc_hi,round0_labelled,round0_iou,round0_iou_lo,round0_iou_hi," +
			"round1_labelled,round1_iou,round1_iou_lo,round1_iou_hi," +
			"minutes_to_90,minutes_to_90_lo,minutes_to_90_hi,minutes_to_95," +
			"minutes_to_95_lo,minutes_to_95_hi";

	private Summaries() {}

	/**
	 * The mean curve of {@code strategy}: points grouped by labelled-patch
	 * count (the simulator uses the same counts for every seed).
	 */
	public static MeanCurve meanCurve(final Curves curves,
		final String strategy)
	{
		final Map<Integer, List<Double>> byX = new TreeMap<>();
		for (final CurvePoint p : curves.of(strategy))
			byX.computeIfAbsent(p.labelledPatches(), x -> new ArrayList<>()).add(p
				.iou());
		final int m = byX.size();
		final double[] x = new double[m], mean = new double[m], sd = new double[m];
		final int[] count = new int[m];
		int i = 0;
		for (final var e : byX.entrySet()) {
			final List<Double> v = e.getValue();
			x[i] = e.getKey();
			count[i] = v.size();
			mean[i] = v.stream().mapToDouble(Double::doubleValue).average()
				.orElse(Double.NaN);
			final double mu = mean[i];
			sd[i] = v.size() < 2 ? 0 : Math.sqrt(v.stream().mapToDouble(
				d -> (d - mu) * (d - mu)).sum() / (v.size() - 1));
			i++;
		}
		return new MeanCurve(strategy, x, mean, sd, count);
	}

	/**
	 * The mean over seeds of {@code strategy}'s SIMULATED annotation minutes
	 * at each of the labelled-patch counts {@code patches} (NaN where no point
	 * has that count; NaN seconds, rows of older runs, spread).
	 */
	public static double[] meanMinutes(final Curves curves,
		final String strategy, final double[] patches)
	{
		final List<CurvePoint> points = curves.of(strategy);
		final double[] out = new double[patches.length];
		for (int i = 0; i < patches.length; i++) {
			final int n = (int) patches[i];
			out[i] = points.stream().filter(p -> p.labelledPatches() == n)
				.mapToDouble(p -> p.annotationSeconds() / 60).average().orElse(
					Double.NaN);
		}
		return out;
	}

	/**
	 * The smallest x at which the piecewise-linear curve (x, y) reaches
	 * {@code target}, or NaN if it never does.
	 */
	public static double patchesToReach(final double[] x, final double[] y,
		final double target)
	{
		for (int i = 0; i < x.length; i++) {
			if (y[i] < target) continue;
			if (i == 0) return x[0];
			final double t = (target - y[i - 1]) / (y[i] - y[i - 1]);
			return x[i - 1] + t * (x[i] - x[i - 1]);
		}
		return Double.NaN;
	}

	/**
	 * Trapezoid area under (x, y) divided by the x-range; the single y for a
	 * one-point curve, NaN for none.
	 */
	public static double normalisedAuc(final double[] x, final double[] y) {
		if (x.length == 0) return Double.NaN;
		if (x.length == 1 || x[x.length - 1] == x[0]) return y[0];
		double area = 0;
		for (int i = 1; i < x.length; i++)
			area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
		return area / (x[x.length - 1] - x[0]);
	}

	/**
	 * One summary per strategy, in order of first appearance.
	 *
	 * @param fullIou the IoU of the model trained on all labels
	 */
	public static List<StrategySummary> summarise(final Curves curves,
		final double fullIou)
	{
		if (!(fullIou > 0 && fullIou <= 1)) throw new UserException(
			"Full-supervision IoU " + fullIou + " is outside (0, 1]",
			"train on all labels first and pass its IoU");
		final List<StrategySummary> raw = new ArrayList<>();
		for (final String s : curves.strategies()) {
			final MeanCurve c = meanCurve(curves, s);
			final Set<Long> seeds = new HashSet<>();
			curves.of(s).forEach(p -> seeds.add(p.seed()));
			final int last = c.size() - 1;
			final Bootstrap.Result ci = Bootstrap.of(curves, s, fullIou);
			raw.add(new StrategySummary(s, seeds.size(), c.x()[last], c
				.mean()[last], patchesToReach(c.x(), c.mean(), 0.90 * fullIou),
				patchesToReach(c.x(), c.mean(), 0.95 * fullIou), normalisedAuc(c.x(),
					c.mean()), Double.NaN, Double.NaN, ci.patchesTo90(), ci
						.patchesTo95(), ci.auc(), point(c, ci, 0), point(c, ci, 1),
				minutes(curves, c, ci, fullIou)));
		}
		final StrategySummary random = raw.stream().filter(r -> r.strategy()
			.equals(RandomStrategy.NAME)).findFirst().orElse(null);
		final List<StrategySummary> out = new ArrayList<>();
		for (final StrategySummary r : raw)
			out.add(new StrategySummary(r.strategy(), r.seeds(), r.finalLabelled(), r
				.finalIou(), r.patchesTo90(), r.patchesTo95(), r.auc(), random == null
					? Double.NaN : r.patchesTo90() / random.patchesTo90(),
				random == null ? Double.NaN : r.patchesTo95() / random.patchesTo95(), r
					.patchesTo90Ci(), r.patchesTo95Ci(), r.aucCi(), r.round0(), r
						.round1(), r.minutes()));
		return out;
	}

	/**
	 * Where one (strategy, seed) curve got to, and the patches at which it
	 * first reached 90 and 95 % of full supervision (linear between rounds;
	 * NaN: not reached yet).
	 */
	public record SeedFigures(String strategy, long seed, int lastLabelled,
		double lastIou, double patchesTo90, double patchesTo95)
	{}

	/**
	 * {@link SeedFigures} of every (strategy, seed) curve, strategies in order
	 * of first appearance, seeds ascending: the per-seed view behind the mean
	 * curves of {@link #summarise}, for a comparison still running or with
	 * too few seeds for intervals.
	 */
	public static List<SeedFigures> perSeed(final Curves curves,
		final double fullIou)
	{
		final List<SeedFigures> out = new ArrayList<>();
		for (final String s : curves.strategies()) {
			final Map<Long, List<CurvePoint>> bySeed = new TreeMap<>();
			for (final CurvePoint p : curves.of(s))
				bySeed.computeIfAbsent(p.seed(), k -> new ArrayList<>()).add(p);
			for (final var e : bySeed.entrySet()) {
				final List<CurvePoint> c = new ArrayList<>(e.getValue());
				c.sort(Comparator.comparingInt(CurvePoint::labelledPatches));
				final double[] x = new double[c.size()], y = new double[c.size()];
				for (int i = 0; i < x.length; i++) {
					x[i] = c.get(i).labelledPatches();
					y[i] = c.get(i).iou();
				}
				final CurvePoint last = c.get(c.size() - 1);
				out.add(new SeedFigures(s, e.getKey(), last.labelledPatches(), last
					.iou(), patchesToReach(x, y, 0.90 * fullIou), patchesToReach(x, y,
						0.95 * fullIou)));
			}
		}
		return out;
	}

	/** Writes {@code summary.csv} ({@link #HEADER}; NaN as {@code NA}). */
	public static void write(final List<StrategySummary> summaries,
		final double fullIou, final Path file) throws IOException
	{
		final List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		for (final StrategySummary s : summaries)
			lines.add(String.join(",", s.strategy(), Integer.toString(s.seeds()),
				na(s.finalLabelled()), na(s.finalIou()), na(fullIou), na(s
					.patchesTo90()), na(s.patchesTo95()), na(s.auc()), na(s
						.ratioToRandom90()), na(s.ratioToRandom95()), na(s.patchesTo90Ci()
							.lo()), na(s.patchesTo90Ci().hi()), na(s.patchesTo95Ci().lo()), na(s
								.patchesTo95Ci().hi()), na(s.aucCi().lo()), na(s.aucCi().hi()),
				columns(s.round0()), columns(s.round1()), columns(s.minutes())));
		// NB: atomic, as a report may be refreshed while a run appends curves
		AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(
			StandardCharsets.UTF_8));
	}

	/** Point {@code i} of the mean curve with its bootstrap band. */
	private static StrategySummary.Point point(final MeanCurve c,
		final Bootstrap.Result ci, final int i)
	{
		// NB: the band is over the same x as the mean curve
		return i < c.size() ? new StrategySummary.Point(c.x()[i], c.mean()[i],
			new Bootstrap.Interval(ci.bandLo()[i], ci.bandHi()[i]))
			: StrategySummary.Point.NONE;
	}

	/** The minutes figures of a mean curve, NONE without annotation seconds. */
	private static StrategySummary.Minutes minutes(final Curves curves,
		final MeanCurve c, final Bootstrap.Result ci, final double fullIou)
	{
		final double[] x = meanMinutes(curves, c.strategy(), c.x());
		if (Arrays.stream(x).anyMatch(Double::isNaN))
			return StrategySummary.Minutes.NONE;
		return new StrategySummary.Minutes(patchesToReach(x, c.mean(), 0.90 *
			fullIou), ci.minutesTo90(), patchesToReach(x, c.mean(), 0.95 * fullIou),
			ci.minutesTo95());
	}

	private static String columns(final StrategySummary.Minutes m) {
		return String.join(",", na(m.to90()), na(m.to90Ci().lo()), na(m.to90Ci()
			.hi()), na(m.to95()), na(m.to95Ci().lo()), na(m.to95Ci().hi()));
	}

	private static String columns(final StrategySummary.Point p) {
		return String.join(",", na(p.labelled()), na(p.iou()), na(p.ci().lo()), na(p
			.ci().hi()));
	}

	private static String na(final double v) {
		return Double.isNaN(v) || Double.isInfinite(v) ? "NA" : Curves.num(v);
	}
}
