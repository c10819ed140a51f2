package io.github.twostream.simulation;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The end-of-run outputs: {@code summary.csv} (with the full-supervision
 * IoU), {@code curves.png}, and a console table of the summaries.
 */
public final class SimulationReports {

	private SimulationReports() {}

	/**
	 * Writes summary.csv (skipped, with a status line, if the reference IoU is
	 * 0) and curves.png into the config's output folder.
	 */
	public static List<StrategySummary> write(final Curves curves,
		final double referenceIou, final SimulationConfig config,
		final String title, final Progress progress)
	{
		try {
			List<StrategySummary> summaries = List.of();
			if (referenceIou > 0) {
				summaries = Summaries.summarise(curves, referenceIou);
				Summaries.write(summaries, referenceIou, config.summaryCsv());
			}
			else progress.status(
				"Reference IoU is 0: no summary.csv (train the reference longer, --reference-steps)");
			if (!curves.points().isEmpty()) CurvePlot.write(curves,
				referenceIou > 0 ? referenceIou : Double.NaN, title, config.curvesPng());
			return summaries;
		}
		catch (final IOException e) {
			throw new UserException("Cannot write the reports in " + config
				.outDir() + ": " + e.getMessage(), "check the output folder", e);
		}
	}

	/** A fixed-width table of the summaries (for the console). */
	public static String table(final List<StrategySummary> summaries,
		final double referenceIou)
	{
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
			"%-24s %5s %8s %9s %9s %9s %7s %8s %8s  %-15s %-15s%n", "strategy",
			"seeds", "labelled", "final_iou", "to_90%", "to_95%", "auc", "x_rnd90",
			"x_rnd95", "to_95% 95%CI", "auc 95%CI"));
		for (final StrategySummary s : summaries)
			sb.append(String.format(Locale.ROOT,
				"%-24s %5d %8.0f %9.4f %9s %9s %7.4f %8s %8s  %-15s %-15s%n", s
					.strategy(), s.seeds(), s.finalLabelled(), s.finalIou(), na(s
						.patchesTo90()), na(s.patchesTo95()), s.auc(), na(s
							.ratioToRandom90()), na(s.ratioToRandom95()), "[" + na(s
								.patchesTo95Ci().lo()) + ", " + na(s.patchesTo95Ci().hi()) + "]",
				String.format(Locale.ROOT, "[%.4f, %.4f]", s.aucCi().lo(), s.aucCi()
					.hi())));
		sb.append(String.format(Locale.ROOT, "full supervision IoU %.4f%n",
			referenceIou));
		return sb.toString();
	}

	private static String na(final double v) {
		return Double.isNaN(v) || Double.isInfinite(v) ? "NA" : String.format(
			Locale.ROOT, "%.1f", v);
	}
}
