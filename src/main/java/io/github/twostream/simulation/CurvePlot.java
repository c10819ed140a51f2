package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;

import io.github.twostream.util.UserException;

/**
 * Draws learning curves with ImageJ's {@link Plot} and saves them as PNG;
 * works headless ({@code -Djava.awt.headless=true}).
 * <p>
 * One line per strategy (the mean IoU over seeds at each labelled-patch
 * count) with error bars of one standard deviation when there are several
 * seeds, a grey horizontal reference at the full-supervision IoU (if
 * given), a legend and axis labels.
 * </p>
 * <p>
 * NB: {@code ij.gui.Plot} is the one {@code ij.gui} class the core may use,
 * and only here: it renders into an image without a window.
 * </p>
 */
public final class CurvePlot {

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
		if (curves.points().isEmpty()) throw new UserException(
			"There are no learning curves to plot",
			"run at least one simulation round first");
		final Plot plot = new Plot(title, "Labelled patches", "IoU");
		plot.setSize(720, 480);
		double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = 0;
		final StringBuilder legend = new StringBuilder();
		final List<String> strategies = curves.strategies();
		for (int s = 0; s < strategies.size(); s++) {
			final MeanCurve c = Summaries.meanCurve(curves, strategies.get(s));
			final String colour = COLOURS.get(s % COLOURS.size());
			plot.setColor(colour, colour); // NB: line and circle fill
			plot.setLineWidth(2);
			plot.add("connected circle", c.x(), c.mean());
			if (java.util.Arrays.stream(c.count()).anyMatch(n -> n > 1)) plot
				.addErrorBars(c.sd());
			legend.append(strategies.get(s)).append('\n');
			for (int i = 0; i < c.size(); i++) {
				xmin = Math.min(xmin, c.x()[i]);
				xmax = Math.max(xmax, c.x()[i]);
				ymax = Math.max(ymax, c.mean()[i] + c.sd()[i]);
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
		plot.addLegend(legend.toString().strip(), "bottom-right");
		final double pad = 0.03 * (xmax - xmin);
		plot.setLimits(xmin - pad, xmax + pad, 0, Math.min(1, ymax * 1.05 +
			0.02));
		return plot.getImagePlus();
	}

	/** Renders the curves and saves them as a PNG at {@code png}. */
	public static void write(final Curves curves, final double fullIou,
		final String title, final Path png)
	{
		final ImagePlus imp = render(curves, fullIou, title);
		final Path dir = png.toAbsolutePath().getParent();
		try {
			if (dir != null) Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new UserException("Cannot create " + dir, "check the output folder");
		}
		// NB: not IJ.saveAs(imp, "png", path): outside Fiji (no ij1-patcher) it
		// goes through IJ.run, which builds the AWT menu bar and throws
		// HeadlessException. FileSaver writes the same PNG directly.
		if (!new FileSaver(imp).saveAsPng(png.toString()) || !Files.exists(png)) throw new UserException("Could not write " + png,
			"check that the output folder is writable");
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
