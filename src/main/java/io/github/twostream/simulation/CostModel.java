package io.github.twostream.simulation;

/**
 * Simulated annotation time of a patch, until the annotation view records
 * real timings: {@code seconds = base + perBoundaryPixel * B}, where
 * {@code B} is the number of foreground pixels of the true mask with a
 * 4-neighbour in the background (inside the patch), i.e. the outline an
 * annotator traces.
 * <p>
 * Default ({@link #DEFAULT}): 4 s to look at a patch and confirm it (an
 * all-background patch costs only that) plus 0.05 s per outline pixel
 * (tracing with a brush at about 20 px/s). A 64 x 64 patch with one
 * mitochondrion of 20 px diameter (~60 outline pixels) then costs ~7 s, a
 * patch crossed by membranes (~400 outline pixels) ~24 s. NB: the constants
 * are assumptions, not measurements; the curve in annotation seconds is
 * SIMULATED and says so in its column name.
 * </p>
 *
 * @param base seconds per patch, whatever it holds
 * @param perBoundaryPixel seconds per outline pixel of the foreground
 */
public record CostModel(double base, double perBoundaryPixel) {

	public static final CostModel DEFAULT = new CostModel(4, 0.05);

	/** Simulated seconds to annotate {@code mask} ({@code h x w}, 1 = foreground). */
	public double seconds(final byte[] mask, final int h, final int w) {
		return base + perBoundaryPixel * boundaryPixels(mask, h, w);
	}

	/** Foreground pixels with a 4-neighbour in the background (inside the patch). */
	static int boundaryPixels(final byte[] mask, final int h, final int w) {
		int n = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x;
				if (mask[i] == 0) continue;
				if (x > 0 && mask[i - 1] == 0 || x < w - 1 && mask[i + 1] == 0 ||
					y > 0 && mask[i - w] == 0 || y < h - 1 && mask[i + w] == 0) n++;
			}
		return n;
	}

	/** Foreground fraction of a mask. */
	static double foregroundFraction(final byte[] mask) {
		int n = 0;
		for (final byte b : mask)
			if (b != 0) n++;
		return mask.length == 0 ? 0 : (double) n / mask.length;
	}
}
