package io.github.twostream.simulation;

import java.util.Arrays;

import io.github.twostream.util.UserException;

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
 * SIMULATED and says so in its column name. {@link #fit} replaces them by
 * the annotation view's recorded timings ({@link AnnotationCosts}).
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

	/**
	 * A cost model fitted to recorded timings.
	 *
	 * @param model the fitted constants
	 * @param patches timed patches used
	 * @param r2 coefficient of determination of the fit (NaN for constant
	 *          timings)
	 * @param medianSeconds median seconds per timed patch
	 */
	public record Fit(CostModel model, int patches, double r2,
		double medianSeconds)
	{}

	/**
	 * Least-squares fit of {@code seconds = base + perBoundaryPixel * B} to
	 * timed patches, both constants kept non-negative (a negative one is set
	 * to 0 and the other refitted alone).
	 * <p>
	 * NB: hand-written: a two-parameter least-squares line is a few sums, and
	 * no library on the class path (no commons-math) does it.
	 * </p>
	 *
	 * @param boundary outline pixels of each timed patch
	 * @param seconds its recorded active seconds
	 */
	public static Fit fit(final int[] boundary, final double[] seconds) {
		final int n = boundary.length;
		if (n != seconds.length) throw new IllegalArgumentException(n + " != " +
			seconds.length);
		if (n < 3) throw new UserException("Only " + n +
			" timed patches: too few to fit an annotation cost model",
			"accept at least 3 patches in the annotation view (Paint labels), then run this again");
		double mb = 0, ms = 0;
		for (int i = 0; i < n; i++) {
			mb += boundary[i];
			ms += seconds[i];
		}
		mb /= n;
		ms /= n;
		double sbb = 0, sbs = 0, sss = 0;
		for (int i = 0; i < n; i++) {
			sbb += (boundary[i] - mb) * (boundary[i] - mb);
			sbs += (boundary[i] - mb) * (seconds[i] - ms);
			sss += (seconds[i] - ms) * (seconds[i] - ms);
		}
		double slope = sbb > 0 ? sbs / sbb : 0, base = ms - slope * mb;
		if (slope < 0) {
			slope = 0;
			base = ms;
		}
		else if (base < 0) {
			// NB: through the origin: slope = sum(B s) / sum(B^2)
			double bs = 0, bb = 0;
			for (int i = 0; i < n; i++) {
				bs += boundary[i] * seconds[i];
				bb += (double) boundary[i] * boundary[i];
			}
			base = 0;
			slope = bs / bb;
		}
		double sse = 0;
		for (int i = 0; i < n; i++) {
			final double e = seconds[i] - base - slope * boundary[i];
			sse += e * e;
		}
		final double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] +
			sorted[n / 2]) / 2;
		return new Fit(new CostModel(base, slope), n, sss > 0 ? 1 - sse / sss
			: Double.NaN, median);
	}

	/**
	 * The seconds that a labelled set of {@code patches} patches, which cost
	 * {@code seconds} under this model, costs under {@code other}: the set's
	 * total outline is {@code (seconds - patches * base) / perBoundaryPixel},
	 * exactly, as both models are linear in it.
	 */
	public double convert(final double seconds, final int patches,
		final CostModel other)
	{
		if (!(perBoundaryPixel > 0)) throw new IllegalStateException(
			"no outline to recover from a cost model without a per-pixel cost");
		final double outline = (seconds - patches * base) / perBoundaryPixel;
		return patches * other.base + outline * other.perBoundaryPixel;
	}

	/**
	 * Parses {@code BASE,PER_PIXEL} (seconds per patch, seconds per outline
	 * pixel; what {@code cost-model} prints), both {@code >= 0}.
	 */
	public static CostModel parse(final String text) {
		final String[] parts = text.split(",");
		try {
			if (parts.length == 2) {
				final CostModel m = new CostModel(Double.parseDouble(parts[0].trim()),
					Double.parseDouble(parts[1].trim()));
				if (m.base >= 0 && m.perBoundaryPixel >= 0 && Double.isFinite(m.base +
					m.perBoundaryPixel)) return m;
			}
		}
		catch (final NumberFormatException e) {
			// NB: reported below, with the form expected
		}
		throw new UserException("Annotation cost '" + text +
			"' is not BASE,PER_PIXEL (two numbers >= 0)",
			"give seconds per patch and seconds per outline pixel, e.g. 2.5,0.04 (as 'twostream cost-model' prints them)");
	}

	/** Foreground fraction of a mask. */
	static double foregroundFraction(final byte[] mask) {
		int n = 0;
		for (final byte b : mask)
			if (b != 0) n++;
		return mask.length == 0 ? 0 : (double) n / mask.length;
	}
}
