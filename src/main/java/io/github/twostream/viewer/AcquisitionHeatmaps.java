package io.github.twostream.viewer;

import java.util.Arrays;
import java.util.List;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.LutLoader;
import ij.process.FloatProcessor;
import ij.process.LUT;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Builds acquisition heatmaps: a 32-bit hyperstack with one channel per score
 * (the stream scores present in the rows, then the combined score) and one
 * slice per volume slice. A pixel holds the score of the patch it lies in,
 * the maximum over overlapping patches, and NaN where no scored patch lies.
 */
public final class AcquisitionHeatmaps {

	/** The lookup table of every channel. */
	public static final String LUT_NAME = "fire";

	private AcquisitionHeatmaps() {}

	/**
	 * @param width image width
	 * @param height image height
	 * @param depth number of slices
	 * @param rows scored patches (suggested or not)
	 */
	public static ImagePlus build(final int width, final int height,
		final int depth, final List<SuggestionRow> rows, final Progress progress)
	{
		final List<String> scores = SuggestionRows.presentScores(rows);
		if (scores.isEmpty()) throw new UserException(
			"The suggestions have no score columns, nothing to draw a heatmap of",
			"add at least one of " + String.join(",", SuggestionRow.SCORES) +
				" or switch the heatmap off");
		final int channels = scores.size();
		final float[][] pixels = new float[channels * depth][];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = new float[width * height];
			Arrays.fill(pixels[i], Float.NaN);
		}
		progress.status("Drawing acquisition heatmap");
		long done = 0;
		for (final SuggestionRow r : rows) {
			final int z = (int) r.z();
			if (z < 0 || z >= depth) throw new UserException("Patch " + (long) r
				.patchId() + " lies on slice " + z + " but the image has " + depth +
				" slices", "give the image the suggestions were computed on");
			final int x0 = Math.max(0, (int) r.x()), y0 = Math.max(0, (int) r.y());
			final int x1 = Math.min(width, (int) (r.x() + r.w()));
			final int y1 = Math.min(height, (int) (r.y() + r.h()));
			for (int c = 0; c < channels; c++) {
				final float v = (float) r.get(scores.get(c));
				if (Float.isNaN(v)) continue;
				final float[] p = pixels[z * channels + c];
				for (int y = y0; y < y1; y++)
					for (int x = x0; x < x1; x++) {
						final int i = y * width + x;
						if (Float.isNaN(p[i]) || v > p[i]) p[i] = v;
					}
			}
			progress.progress(++done, rows.size());
		}
		final ImageStack stack = new ImageStack(width, height);
		for (int z = 0; z < depth; z++)
			for (int c = 0; c < channels; c++)
				stack.addSlice(scores.get(c) + " z=" + (z + 1), new FloatProcessor(
					width, height, pixels[z * channels + c]));
		final ImagePlus imp = new ImagePlus("Acquisition heatmap", stack);
		imp.setDimensions(channels, depth, 1);
		final LUT lut = new LUT(LutLoader.getLut(LUT_NAME), 0, 1);
		final ImagePlus heat;
		if (channels == 1) {
			// NB: CompositeImage wants at least two channels.
			heat = imp;
			final double[] range = range(pixels, 0, 1, depth);
			heat.setLut(lut);
			heat.setDisplayRange(range[0], range[1]);
		}
		else {
			final CompositeImage comp = new CompositeImage(imp, CompositeImage.COLOR);
			for (int c = 0; c < channels; c++) {
				final double[] range = range(pixels, c, channels, depth);
				final LUT l = (LUT) lut.clone();
				l.min = range[0];
				l.max = range[1];
				comp.setChannelLut(l, c + 1);
			}
			comp.setPosition(channels, 1, 1);
			heat = comp;
		}
		heat.setTitle("Acquisition heatmap");
		heat.setProperty("Info", "channels: " + String.join(",", scores));
		return heat;
	}

	/** Names of the channels of {@link #build} for these rows, in order. */
	public static List<String> channelNames(final List<SuggestionRow> rows) {
		return SuggestionRows.presentScores(rows);
	}

	private static double[] range(final float[][] pixels, final int c,
		final int channels, final int depth)
	{
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int z = 0; z < depth; z++)
			for (final float v : pixels[z * channels + c]) {
				if (Float.isNaN(v)) continue;
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		if (min > max) return new double[] { 0, 1 };
		if (min == max) return new double[] { min - 0.5, max + 0.5 };
		return new double[] { min, max };
	}
}
