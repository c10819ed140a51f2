package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The end-of-run outputs: {@code summary.csv} (with the full-supervision
 * IoU), {@code curves.png} (IoU over labelled patches),
 * {@code curves-minutes.png} (IoU over SIMULATED annotation minutes, when the
 * curves have them), and a console table of the summaries.
 */
public final class SimulationReports {

	private SimulationReports() {}

	/**
	 * Writes summary.csv (skipped, with a status line, if the reference IoU is
	 * 0), curves.png and curves-minutes.png into {@code outDir}.
	 */
	public static List<StrategySummary> write(final Curves curves,
		final double referenceIou, final Path outDir, final String title,
		final Progress progress)
	{
		try {
			List<StrategySummary> summaries = List.of();
			if (referenceIou > 0) {
				summaries = Summaries.summarise(curves, referenceIou);
				Summaries.write(summaries, referenceIou, outDir.resolve(
					"summary.csv"));
			}
			else progress.status(
				"Reference IoU is 0: no summary.csv (train the reference longer, --reference-steps)");
			final double full = referenceIou > 0 ? referenceIou : Double.NaN;
			if (!curves.points().isEmpty()) CurvePlot.write(curves, full, title,
				outDir.resolve("curves.png"));
			if (CurvePlot.hasAnnotationSeconds(curves)) CurvePlot.write(curves,
				full, title, CurvePlot.XAxis.ANNOTATION_MINUTES, outDir.resolve(
					"curves-minutes.png"));
			return summaries;
		}
		catch (final IOException e) {
			throw new UserException("Cannot write the reports in " + outDir + ": " +
				e.getMessage(), "check the output folder", e);
		}
	}

	/**
	 * Rewrites the reports of a simulation output folder from its curves
	 * ({@link #curves}; with {@link Curves#withAnnotationCost} the SIMULATED
	 * minutes at another pace, curves.csv itself unchanged) and its
	 * reference IoU ({@link #referenceIou}), without training: the figures of
	 * a comparison that is still running or was stopped, over the seeds it
	 * has (a seed's unfinished curve counts at the points it reached).
	 */
	public static List<StrategySummary> refresh(final Path outDir,
		final Curves curves, final double referenceIou, final Progress progress)
	{
		return write(curves, referenceIou, outDir, "Learning curves (" + outDir
			.toAbsolutePath().normalize().getFileName() + ")", progress);
	}

	/** The curves of a simulation output folder. */
	public static Curves curves(final Path outDir) {
		final Path file = outDir.resolve("curves.csv");
		if (!Files.isRegularFile(file)) throw new UserException("No curves.csv in " +
			outDir, "point to a 'twostream simulate' output folder (--out)");
		try {
			return Curves.read(file);
		}
		catch (final IOException | RuntimeException e) {
			throw new UserException("Cannot read " + file + ": " + e.getMessage(),
				"point to a 'twostream simulate' output folder (--out)", e);
		}
	}

	/** The full-supervision IoU cached in {@code reference.csv}. */
	public static double referenceIou(final Path outDir) {
		final Path file = outDir.resolve("reference.csv");
		try {
			return Double.parseDouble(Files.readAllLines(file).get(1).split(",")[3]);
		}
		catch (final IOException | RuntimeException e) {
			throw new UserException("Cannot read the reference IoU from " + file,
				"point to a 'twostream simulate' output folder whose reference model is trained");
		}
	}

	/** A fixed-width table of the summaries (for the console). */
	public static String table(final List<StrategySummary> summaries,
		final double referenceIou)
	{
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
			"%-24s %5s %8s %9s %9s %9s %7s %8s %8s  %-15s %-15s  %-22s  %s%n",
			"strategy", "seeds", "labelled", "final_iou", "to_90%", "to_95%", "auc",
			"x_rnd90", "x_rnd95", "to_95% 95%CI", "auc 95%CI",
			"min_to_95% [95%CI] (sim)", "first two points: patches iou [95%CI]"));
		for (final StrategySummary s : summaries)
			sb.append(String.format(Locale.ROOT,
				"%-24s %5d %8.0f %9.4f %9s %9s %7.4f %8s %8s  %-15s %-15s  %-22s  %s%n", s
					.strategy(), s.seeds(), s.finalLabelled(), s.finalIou(), na(s
						.patchesTo90()), na(s.patchesTo95()), s.auc(), na(s
							.ratioToRandom90()), na(s.ratioToRandom95()), "[" + na(s
								.patchesTo95Ci().lo()) + ", " + na(s.patchesTo95Ci().hi()) + "]",
				String.format(Locale.ROOT, "[%.4f, %.4f]", s.aucCi().lo(), s.aucCi()
					.hi()), na(s.minutes().to95()) + " [" + na(s.minutes().to95Ci()
						.lo()) + ", " + na(s.minutes().to95Ci().hi()) + "]", point(s
							.round0()) + "; " + point(s.round1())));
		sb.append(String.format(Locale.ROOT, "full supervision IoU %.4f%n",
			referenceIou));
		return sb.toString();
	}

	/** One line per paired comparison (for the console). */
	public static String pairedLine(final Bootstrap.Paired p) {
		return String.format(Locale.ROOT,
			"paired %s - %s over %d seeds (95%% CI, resampling seeds): AUC %+.4f " +
				"[%+.4f, %+.4f], patches to 90%% %s [%s, %s], to 95%% %s [%s, %s]; " +
				"higher AUC on %d of %d seeds%n", p.a(), p.b(), p.seeds(), p.aucDiff(),
			p.aucDiffCi().lo(), p.aucDiffCi().hi(), signed(p.to90Diff()), signed(p
				.to90DiffCi().lo()), signed(p.to90DiffCi().hi()), signed(p.to95Diff()),
			signed(p.to95DiffCi().lo()), signed(p.to95DiffCi().hi()), p.aucWins(), p
				.seeds());
	}

	private static String signed(final double v) {
		return Double.isNaN(v) || Double.isInfinite(v) ? "NA" : String.format(
			Locale.ROOT, "%+.1f", v);
	}

	/** A fixed-width table of the per-seed figures (for the console). */
	public static String perSeedTable(final List<Summaries.SeedFigures> figures) {
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
			"%-24s %5s %8s %9s %9s %9s%n", "strategy", "seed", "labelled", "iou",
			"to_90%", "to_95%"));
		for (final Summaries.SeedFigures f : figures)
			sb.append(String.format(Locale.ROOT, "%-24s %5d %8d %9.4f %9s %9s%n", f
				.strategy(), f.seed(), f.lastLabelled(), f.lastIou(), na(f
					.patchesTo90()), na(f.patchesTo95())));
		return sb.toString();
	}

	private static String point(final StrategySummary.Point p) {
		return Double.isNaN(p.iou()) ? "NA" : String.format(Locale.ROOT,
			"%.0f %.4f [%.4f, %.4f]", p.labelled(), p.iou(), p.ci().lo(), p.ci().hi());
	}

	private static String na(final double v) {
		return Double.isNaN(v) || Double.isInfinite(v) ? "NA" : String.format(
			Locale.ROOT, "%.1f", v);
	}
}
