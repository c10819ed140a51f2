package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.gui.Plot;

import io.github.twostream.util.UserException;
import io.github.twostream.volume.ImageFiles;

/**
 * Draws learning curves with ImageJ's {@link Plot} and saves them as PNG;
 * works headless ({@code -Djava.awt.headless=true}).
 * <p>
 * One line per strategy (the mean IoU over seeds at each labelled-patch
 * count) over a shaded band, its pointwise 95 % bootstrap interval over
 * seeds ({@link Bootstrap}) when there are several seeds, a grey horizontal
 * reference at the full-supervision IoU (if given), a legend and axis
 * labels.
 * </p>
 * <p>
 * NB: ImageJ's {@link Plot} can fill only down to the axis, so the band is
 * drawn as dense vertical hatching in a light tint of the strategy colour
 * (one "line" object whose segments are separated by NaN); all bands come
 * first, so every mean line is drawn on top of them.
 * </p>
 * <p>
 * NB: {@code ij.gui.Plot} is the one {@code ij.gui} class the core may use,
 * and only here: it renders into an image without a window.
 * </p>
 * <p>
 * The x axis is the labelled patches ({@link XAxis#PATCHES}) or the
 * annotation minutes of the labelled set ({@link XAxis#ANNOTATION_MINUTES}):
 * each point of a mean curve moves to the mean over seeds of the
 * {@link CostModel}'s SIMULATED seconds at that patch count, so a strategy
 * whose picks are costlier to outline shifts to the right.
 * </p>
 */
public final class CurvePlot {

	/** What the x axis of a plot counts. */
	public enum XAxis {
		/** Labelled patches. */
		PATCHES("Labelled patches"),
		/** Annotation time of the labelled set ({@link CostModel}, SIMULATED). */
		ANNOTATION_MINUTES("Annotation minutes (simulated cost model)");

		private final String label;

		XAxis(final String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

		/** The x values on this axis of {@code strategy}'s patch counts. */
		double[] map(final Curves curves, final String strategy,
			final double[] patches)
		{
			return this == PATCHES ? patches : Summaries.meanMinutes(curves,
				strategy, patches);
		}
	}

	/** Line colours, in strategy order (colour-blind-safe Okabe-Ito). */
	private static final List<String> COLOURS = List.of("#0072b2", "#d55e00",
		"#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442",
		"#882255");

	private CurvePlot() {}

	/**
	 * Renders the curves.
	 *
	 * @param fullIou full-supervision IoU for the reference line; NaN = none
	 */
	public static ImagePlus render(final Curves curves, final double fullIou,
		final String title)
	{
		return render(curves, fullIou, title, XAxis.PATCHES);
	}

	/**
	 * Renders the curves over {@code axis}.
	 *
	 * @param fullIou full-supervision IoU for the reference line; NaN = none
	 */
	public static ImagePlus render(final Curves curves, final double fullIou,
		final String title, final XAxis axis)
	{
		if (curves.points().isEmpty()) throw new UserException(
			"There are no learning curves to plot",
			"run at least one simulation round first");
		if (axis == XAxis.ANNOTATION_MINUTES && !hasAnnotationSeconds(curves))
			throw new UserException(
				"These learning curves have no annotation seconds (a run older than the cost model)",
				"plot them over labelled patches");
		final Plot plot = new Plot(title, axis.label(), "IoU");
		plot.setSize(720, 480);
		double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = 0;
		final StringBuilder legend = new StringBuilder();
		final List<String> strategies = curves.strategies();
		for (int s = 0; s < strategies.size(); s++) {
			final MeanCurve c = Summaries.meanCurve(curves, strategies.get(s));
			if (Arrays.stream(c.count()).noneMatch(n -> n > 1)) continue;
			final Bootstrap.Result ci = Bootstrap.of(curves, strategies.get(s),
				Double.NaN);
			final double[] bx = axis.map(curves, strategies.get(s), ci.x());
			plot.setColor(tint(COLOURS.get(s % COLOURS.size())));
			plot.setLineWidth(1);
			plot.add("line", hatchX(bx), hatchY(bx, ci.bandLo(), ci.bandHi()));
			legend.append('\n'); // NB: bands stay out of the legend
			for (final double v : ci.bandHi())
				ymax = Math.max(ymax, v);
		}
		for (int s = 0; s < strategies.size(); s++) {
			final MeanCurve c = Summaries.meanCurve(curves, strategies.get(s));
			final double[] x = axis.map(curves, strategies.get(s), c.x());
			final String colour = COLOURS.get(s % COLOURS.size());
			plot.setColor(colour, colour); // NB: line and circle fill
			plot.setLineWidth(2);
			plot.add("connected circle", x, c.mean());
			legend.append(strategies.get(s)).append('\n');
			for (int i = 0; i < c.size(); i++) {
				xmin = Math.min(xmin, x[i]);
				xmax = Math.max(xmax, x[i]);
				ymax = Math.max(ymax, c.mean()[i]);
			}
		}
		if (xmax == xmin) xmax = xmin + 1;
		if (!Double.isNaN(fullIou)) {
			plot.setColor("#808080");
			plot.setLineWidth(1);
			plot.add("line", new double[] { xmin, xmax }, new double[] { fullIou,
				fullIou });
			legend.append("full supervision\n");
			ymax = Math.max(ymax, fullIou);
		}
		plot.setColor("black");
		plot.addLegend(legend.toString().replaceAll("\\n+$", ""), "bottom-right");
		final double pad = 0.03 * (xmax - xmin);
		plot.setLimits(xmin - pad, xmax + pad, 0, Math.min(1, ymax * 1.05 +
			0.02));
		return plot.getImagePlus();
	}

	/** Whether every point of {@code curves} has its annotation seconds. */
	public static boolean hasAnnotationSeconds(final Curves curves) {
		return !curves.points().isEmpty() && curves.points().stream().allMatch(
			p -> Double.isFinite(p.annotationSeconds()));
	}

	/** Hatch lines across the band: this many per curve. */
	private static final int HATCHES = 640;

	/** x of the hatch segments: x, x, NaN per hatch line. */
	private static double[] hatchX(final double[] x) {
		final double[] out = new double[3 * HATCHES];
		for (int h = 0; h < HATCHES; h++) {
			final double v = x[0] + (x[x.length - 1] - x[0]) * h / (HATCHES - 1);
			out[3 * h] = out[3 * h + 1] = v;
			out[3 * h + 2] = Double.NaN;
		}
		return out;
	}

	/** y of the hatch segments: lo, hi (linearly interpolated), NaN. */
	private static double[] hatchY(final double[] x, final double[] lo,
		final double[] hi)
	{
		final double[] hx = hatchX(x), out = new double[hx.length];
		for (int h = 0; h < HATCHES; h++) {
			out[3 * h] = interpolate(x, lo, hx[3 * h]);
			out[3 * h + 1] = interpolate(x, hi, hx[3 * h]);
			out[3 * h + 2] = Double.NaN;
		}
		return out;
	}

	private static double interpolate(final double[] x, final double[] y,
		final double v)
	{
		int i = 1;
		while (i < x.length - 1 && x[i] < v)
			i++;
		if (x.length == 1 || x[i] == x[i - 1]) return y[0];
		final double t = (v - x[i - 1]) / (x[i] - x[i - 1]);
		return y[i - 1] + t * (y[i] - y[i - 1]);
	}

	/** The colour {@code #rrggbb} mixed 70 % with white, as {@code #rrggbb}. */
	static String tint(final String hex) {
		final int rgb = Integer.parseInt(hex.substring(1), 16);
		final StringBuilder out = new StringBuilder("#");
		for (int shift = 16; shift >= 0; shift -= 8) {
			final int v = rgb >> shift & 0xff;
			out.append(String.format(Locale.ROOT, "%02x", Math.round(v + 0.7f *
				(255 - v))));
		}
		return out.toString();
	}

	/** Renders the curves and saves them as a PNG at {@code png}. */
	public static void write(final Curves curves, final double fullIou,
		final String title, final Path png)
	{
		write(curves, fullIou, title, XAxis.PATCHES, png);
	}

	/** Renders the curves over {@code axis} and saves them as a PNG at {@code png}. */
	public static void write(final Curves curves, final double fullIou,
		final String title, final XAxis axis, final Path png)
	{
		// NB: atomic, so a summarise racing a finishing run never leaves a torn
		// plot.
		ImageFiles.savePng(render(curves, fullIou, title, axis).getProcessor(),
			png);
	}

	/**
	 * {@code CurvePlot CURVES_CSV FULL_IOU OUT_PNG}: plots a {@code curves.csv}
	 * (FULL_IOU may be NaN).
	 */
	public static void main(final String... args) throws IOException {
		if (args.length != 3) {
			System.err.println("Usage: CurvePlot CURVES_CSV FULL_IOU OUT_PNG");
			System.exit(2);
		}
		write(Curves.read(Path.of(args[0])), Double.parseDouble(args[1]),
			"Learning curves", Path.of(args[2]));
	}
}
