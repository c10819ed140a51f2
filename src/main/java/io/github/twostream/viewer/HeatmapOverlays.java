package io.github.twostream.viewer;

import java.awt.Color;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import java.util.List;

import ij.plugin.LutLoader;
import ij.process.ColorProcessor;
import io.github.twostream.volume.ImageFiles;

/**
 * A picture for people: one EM slice in gray with the acquisition score on
 * top in ImageJ's "fire" LUT (half transparent) and the suggested patches
 * outlined and numbered.
 */
public final class HeatmapOverlays {

	private HeatmapOverlays() {}

	/**
	 * @param em normalised EM slice (about 0..1), row-major
	 * @param heat per-pixel score on the slice (NaN = none)
	 * @param rows suggestions to outline (only those on slice {@code z})
	 */
	public static ColorProcessor render(final float[] em, final float[] heat,
		final int width, final int height, final int z,
		final List<SuggestionRow> rows)
	{
		final IndexColorModel fire = LutLoader.getLut(AcquisitionHeatmaps.LUT_NAME);
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		fire.getReds(r);
		fire.getGreens(g);
		fire.getBlues(b);
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (final float v : heat)
			if (!Float.isNaN(v)) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		final float range = max > min ? max - min : 1;
		final int[] rgb = new int[width * height];
		for (int i = 0; i < rgb.length; i++) {
			final int gray = Math.max(0, Math.min(255, Math.round(em[i] * 255)));
			int rr = gray, gg = gray, bb = gray;
			if (!Float.isNaN(heat[i])) {
				final int k = Math.max(0, Math.min(255, Math.round((heat[i] - min) /
					range * 255)));
				rr = (gray + (r[k] & 0xff)) / 2;
				gg = (gray + (g[k] & 0xff)) / 2;
				bb = (gray + (b[k] & 0xff)) / 2;
			}
			rgb[i] = (rr << 16) | (gg << 8) | bb;
		}
		final ColorProcessor cp = new ColorProcessor(width, height, rgb);
		cp.setColor(Color.CYAN);
		cp.setLineWidth(2);
		int n = 0;
		for (final SuggestionRow row : rows) {
			n++;
			if ((int) row.z() != z) continue;
			cp.drawRect((int) row.x(), (int) row.y(), (int) row.w(), (int) row.h());
			cp.drawString(String.valueOf(n), (int) row.x() + 3, (int) row.y() + 14);
		}
		return cp;
	}

	/** Writes {@link #render} as a PNG (headless-safe). */
	public static void writePng(final ColorProcessor picture, final Path png) {
		ImageFiles.savePng(picture, png);
	}
}
