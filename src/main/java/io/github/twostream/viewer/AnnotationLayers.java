package io.github.twostream.viewer;

import java.awt.AlphaComposite;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;

import ij.plugin.LutLoader;
import io.github.twostream.annotation.Box;
import io.github.twostream.annotation.SliceLabels;
import io.github.twostream.store.Masks;

/**
 * What the annotation view draws over the EM of one slice: the heatmap
 * (ImageJ's "fire" LUT over the layer's range, NaN transparent) drawn at the
 * opacity, then one translucent ARGB image of the prediction's outline and
 * the painted labels (foreground green, explicit background blue). Only the
 * changed box of the labels image is recomposed after a stroke, so painting
 * stays cheap on large slices.
 * <p>
 * NB: a heatmap is rendered once into its own opaque-where-scored image
 * ({@link #renderHeat}, any thread) and never changed afterwards, so a layer
 * switch or an opacity change only swaps or re-blends images, and Java2D may
 * keep the image on the display side (a "managed" image: its pixels are
 * written through the raster, never through the grabbed array).
 * </p>
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
	private BufferedImage heat;
	private double opacity = 0.45;
	private boolean heatVisible = true;
	private boolean[] outline;
	private SliceLabels labels;
	/** Where the labels image may be non-transparent (drawn only there). */
	private Box content = Box.EMPTY;

	public AnnotationLayers(final int width, final int height) {
		this.width = width;
		this.height = height;
		this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		this.argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
		final IndexColorModel fire = LutLoader.getLut(AcquisitionHeatmaps.LUT_NAME);
		for (int i = 0; i < 256; i++)
			lut[i] = fire.getRGB(i) & 0xffffff;
	}

	/** The composed labels and outline image (updated in place). */
	public BufferedImage image() {
		return image;
	}

	/** The heatmap image shown (null: none). */
	public BufferedImage heat() {
		return heat;
	}

	/** The LUT's colour of a fraction 0..1 of the range (for a legend). */
	public int color(final double fraction) {
		return lut[Math.max(0, Math.min(255, (int) Math.round(fraction * 255)))];
	}

	/** Shows a heatmap rendered by {@link #renderHeat} (null: none). */
	public void setHeat(final BufferedImage rendered) {
		heat = rendered;
	}

	/**
	 * Renders heatmap values (NaN: transparent) with the LUT over
	 * {@code [lo, hi]}, fully opaque elsewhere (the opacity is applied when
	 * drawing). Thread-safe; the image is never changed afterwards.
	 */
	public BufferedImage renderHeat(final float[] values, final double lo,
		final double hi)
	{
		final double min = lo, scale = 255 / (hi > lo ? hi - lo : 1);
		final int[] px = new int[width * height];
		for (int i = 0; i < px.length; i++) {
			final float v = values[i];
			if (v == v) px[i] = 0xff000000 | lut[Math.max(0, Math.min(255,
				(int) ((v - min) * scale)))];
		}
		final BufferedImage img = new BufferedImage(width, height,
			BufferedImage.TYPE_INT_ARGB);
		img.getRaster().setDataElements(0, 0, width, height, px);
		return img;
	}

	/**
	 * Draws the layers' pixels {@code [x0, x1) x [y0, y1)} onto the screen
	 * rectangle {@code [sx0, sx1) x [sy0, sy1)}.
	 */
	public void paint(final Graphics2D g, final int sx0, final int sy0,
		final int sx1, final int sy1, final int x0, final int y0, final int x1,
		final int y1)
	{
		if (x0 >= x1 || y0 >= y1) return;
		final BufferedImage h = heat;
		if (heatVisible && h != null && opacity > 0) {
			final Composite before = g.getComposite();
			g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
				(float) opacity));
			g.drawImage(h, sx0, sy0, sx1, sy1, x0, y0, x1, y1, null);
			g.setComposite(before);
		}
		// NB: only where labels or the outline may be: an upload of the whole
		// slice per repaint is the costly part of a full redraw
		final int cx0 = Math.max(x0, content.x0()), cy0 = Math.max(y0, content
			.y0()), cx1 = Math.min(x1, content.x1()), cy1 = Math.min(y1, content
				.y1());
		if (cx0 >= cx1 || cy0 >= cy1) return;
		final double fx = (double) (sx1 - sx0) / (x1 - x0), fy = (double) (sy1 -
			sy0) / (y1 - y0);
		g.drawImage(image, sx0 + (int) Math.round((cx0 - x0) * fx), sy0 +
			(int) Math.round((cy0 - y0) * fy), sx0 + (int) Math.round((cx1 - x0) *
				fx), sy0 + (int) Math.round((cy1 - y0) * fy), cx0, cy0, cx1, cy1, null);
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
		content = new Box(0, 0, width, height);
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

	/** The painted labels of the slice shown (recompose all after this). */
	public void setLabels(final SliceLabels l) {
		labels = l;
		content = Box.EMPTY;
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
		boolean any = false;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				final int i = y * width + x;
				int px = 0;
				if (outline != null && outline[i]) px = over(px, PREDICTION_RGB,
					PREDICTION_ALPHA);
				final byte l = painted[(y - y0) * (x1 - x0) + x - x0];
				if (l == Masks.FOREGROUND) px = over(px, FOREGROUND_RGB,
					FOREGROUND_ALPHA);
				else if (l == Masks.BACKGROUND) px = over(px, BACKGROUND_RGB,
					BACKGROUND_ALPHA);
				argb[i] = px;
				any |= px != 0;
			}
		if (any) content = content.union(new Box(x0, y0, x1, y1));
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
