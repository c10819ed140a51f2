package io.github.twostream.model;

/**
 * Chooses the foreground threshold on held-out labelled pixels: the
 * threshold among 0.30, 0.35, ..., {@value #HIGHEST} with the best
 * foreground IoU (ties:
 * the one nearest 0.5), or 0.5 with fewer than {@value #MIN_PIXELS}
 * foreground or background pixels. Probabilities are binned once into a
 * histogram per class, so any number of pixels costs one pass.
 * <p>
 * NB: the range is narrow on purpose: with 20 labelled patches two are held
 * out, and on Lucchi++ a threshold of 0.10 chosen on them cut the test
 * foreground IoU from 0.36 (at 0.5) to 0.20 (docs/notes/streama.md).
 * </p>
 */
public final class Calibration {

	private static final int BINS = 200;
	/** Lowest threshold considered. */
	public static final double LOWEST = 0.30;
	/** Highest threshold considered by {@link #best()}. */
	public static final double HIGHEST = 0.70;
	/** Fewest pixels of each class to calibrate on. */
	public static final int MIN_PIXELS = 1000;
	private final long[] fg = new long[BINS], bg = new long[BINS];

	/**
	 * Adds the labelled pixels of one window: {@code prob} and {@code mask}
	 * ({@link TrainingSet} values; ignored pixels do not count).
	 */
	public void add(final float[] prob, final int offset, final byte[] mask) {
		for (int i = 0; i < mask.length; i++) {
			final int b = Math.min(BINS - 1, Math.max(0, (int) (prob[offset + i] *
				BINS)));
			if (mask[i] == TrainingSet.FOREGROUND) fg[b]++;
			else if (mask[i] == TrainingSet.BACKGROUND) bg[b]++;
		}
	}

	/** Labelled foreground pixels added. */
	public long foregroundPixels() {
		long n = 0;
		for (final long v : fg)
			n += v;
		return n;
	}

	/** Foreground IoU of {@code p >= t} on the added pixels. */
	public double iou(final double t) {
		final int from = (int) Math.round(t * BINS);
		long tp = 0, fp = 0, fn = 0;
		for (int b = 0; b < BINS; b++) {
			if (b >= from) {
				tp += fg[b];
				fp += bg[b];
			}
			else fn += fg[b];
		}
		final long d = tp + fp + fn;
		return d == 0 ? 1 : (double) tp / d;
	}

	/** Labelled background pixels added. */
	public long backgroundPixels() {
		long n = 0;
		for (final long v : bg)
			n += v;
		return n;
	}

	/** The best threshold, or 0.5 when too few pixels were added. */
	public float best() {
		return best(HIGHEST);
	}

	/**
	 * The best threshold among {@value #LOWEST}, ..., {@code highest} in steps
	 * of 0.05, or 0.5 when too few pixels were added.
	 */
	public float best(final double highest) {
		if (foregroundPixels() < MIN_PIXELS || backgroundPixels() < MIN_PIXELS)
			return 0.5f;
		double bestT = 0.5, bestIou = iou(0.5);
		final int lo = (int) Math.round(LOWEST / 0.05), hi = (int) Math.round(
			highest / 0.05);
		for (int k = lo; k <= hi; k++) {
			final double t = k * 0.05, v = iou(t);
			if (v > bestIou + 1e-12 || (Math.abs(v - bestIou) <= 1e-12 && Math.abs(
				t - 0.5) < Math.abs(bestT - 0.5)))
			{
				bestT = t;
				bestIou = v;
			}
		}
		return (float) bestT;
	}
}
