package io.github.twostream.viewer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;

import ij.plugin.LutLoader;
import io.github.twostream.annotation.Box;
import io.github.twostream.annotation.SliceLabels;
import io.github.twostream.store.Masks;

/**
 * What the annotation view draws over the EM of one slice, as one
 * translucent ARGB image: the heatmap (ImageJ's "fire" LUT over a fixed
 * range, NaN transparent), the prediction's outline, then the painted labels
 * on top (foreground green, explicit background blue). Only the changed box is
 * recomposed after a stroke, so painting stays cheap on large slices.
 */
public final class AnnotationLayers {

	/** Painted foreground: green. */
	static final int FOREGROUND_RGB = 0x20e040, FOREGROUND_ALPHA = 150;
	/** Painted (explicit) background: blue. */
	static final int BACKGROUND_RGB = 0x3070ff, BACKGROUND_ALPHA = 80;
	/** The prediction's outline: magenta. */
	static final int PREDICTION_RGB = 0xff30ff, PREDICTION_ALPHA = 230;

	private final int width, height;
	private final BufferedImage image;
	private final int[] argb;
	private final int[] lut = new int[256];
	private float[] heat;
	private double min = 0, max = 1;
	private double opacity = 0.45;
	private boolean heatVisible = true;
	private boolean[] outline;
	private SliceLabels labels;

	public AnnotationLayers(final int width, final int height) {
		this.width = width;
		this.height = height;
		this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		this.argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
		final IndexColorModel fire = LutLoader.getLut(AcquisitionHeatmaps.LUT_NAME);
		for (int i = 0; i < 256; i++)
			lut[i] = fire.getRGB(i) & 0xffffff;
	}

	/** The composed image (updated in place). */
	public BufferedImage image() {
		return image;
	}

	/** The LUT's colour of a fraction 0..1 of the range (for a legend). */
	public int color(final double fraction) {
		return lut[Math.max(0, Math.min(255, (int) Math.round(fraction * 255)))];
	}

	/** The heatmap values (NaN: none; null: no heatmap) and their range. */
	public void setHeat(final float[] values, final double lo, final double hi) {
		heat = values;
		min = lo;
		max = hi > lo ? hi : lo + 1;
	}

	public void setOpacity(final double o) {
		opacity = Math.max(0, Math.min(1, o));
	}

	public double opacity() {
		return opacity;
	}

	public void setHeatVisible(final boolean v) {
		heatVisible = v;
	}

	/** Probability map whose 0.5 contour is outlined; null: none. */
	public void setPrediction(final float[] prob) {
		if (prob == null) {
			outline = null;
			return;
		}
		outline = new boolean[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int i = y * width + x;
				if (prob[i] < 0.5f) continue;
				outline[i] = x == 0 || y == 0 || x == width - 1 || y == height - 1 ||
					prob[i - 1] < 0.5f || prob[i + 1] < 0.5f || prob[i - width] < 0.5f ||
					prob[i + width] < 0.5f;
			}
	}

	public void setLabels(final SliceLabels l) {
		labels = l;
	}

	/** Recomposes the whole slice. */
	public void composeAll() {
		compose(new Box(0, 0, width, height));
	}

	/** Recomposes the pixels of the box. */
	public void compose(final Box b) {
		final int x0 = Math.max(0, b.x0()), y0 = Math.max(0, b.y0());
		final int x1 = Math.min(width, b.x1()), y1 = Math.min(height, b.y1());
		if (x0 >= x1 || y0 >= y1) return;
		final byte[] painted = new byte[(x1 - x0) * (y1 - y0)];
		if (labels != null) labels.copy(new Box(x0, y0, x1, y1), painted);
		else java.util.Arrays.fill(painted, Masks.IGNORE);
		final int heatAlpha = (int) Math.round(opacity * 255) << 24;
		final boolean showHeat = heatVisible && heat != null && heatAlpha != 0;
		final double scale = 255 / (max - min);
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				final int i = y * width + x;
				int px = 0;
				if (showHeat) {
					final float v = heat[i];
					if (v == v) px = heatAlpha | lut[Math.max(0, Math.min(255,
						(int) ((v - min) * scale)))];
				}
				if (outline != null && outline[i]) px = over(px, PREDICTION_RGB,
					PREDICTION_ALPHA);
				final byte l = painted[(y - y0) * (x1 - x0) + x - x0];
				if (l == Masks.IGNORE) {
					argb[i] = px;
					continue;
				}
				if (l == Masks.FOREGROUND) px = over(px, FOREGROUND_RGB,
					FOREGROUND_ALPHA);
				else if (l == Masks.BACKGROUND) px = over(px, BACKGROUND_RGB,
					BACKGROUND_ALPHA);
				argb[i] = px;
			}
	}

	/** Porter-Duff "source over" of a colour with alpha onto an ARGB pixel. */
	static int over(final int dst, final int rgb, final int alpha) {
		final int da = dst >>> 24;
		final int oa = alpha + da * (255 - alpha) / 255;
		if (oa == 0) return 0;
		int out = oa << 24;
		for (int shift = 0; shift <= 16; shift += 8) {
			final int s = (rgb >> shift) & 0xff, d = (dst >> shift) & 0xff;
			final int c = (s * alpha + d * da * (255 - alpha) / 255) / oa;
			out |= Math.min(255, c) << shift;
		}
		return out;
	}
}
