package io.github.twostream.model;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * Chooses the foreground threshold on held-out labelled pixels: the
 * threshold among 0.30, 0.35, ..., {@value #HIGHEST} with the best
 * foreground IoU (ties:
 * the one nearest 0.5), or 0.5 with fewer than {@value #MIN_PIXELS}
 * foreground or background pixels. Probabilities are binned once into a
 * histogram per class, so any number of pixels costs one pass.
 * <p>
 * The IoU is the one expected at the volume's foreground share, not at the
 * held-out pixels' own: the held-out patches are a tenth of the labelled
 * ones, which a strategy picked, often for their foreground, and the
 * IoU-best threshold falls as the foreground share rises (label shift). With
 * unlabelled pixels of the volume added ({@link #addUnlabelled}), the share
 * is estimated by adjusted classify-and-count (Forman 2008; {@link
 * #prevalence()}) and the IoU at threshold t is
 * {@code pi TPR(t) / (pi + (1 - pi) FPR(t))}, TPR and FPR from the held-out
 * pixels. Without them, or when the held-out pixels do not separate the
 * classes well enough to estimate it, the held-out pixels' own share is used,
 * which gives their plain IoU.
 * </p>
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
	/**
	 * Least TPR - FPR at 0.5 on the held-out pixels for {@link #prevalence()}
	 * to be estimated (it divides by it).
	 */
	public static final double MIN_SEPARATION = 0.25;
	/** {@link #prevalence()} is clamped to [this, 1 - this]. */
	public static final double PREVALENCE_BOUND = 0.01;
	private final long[] fg = new long[BINS], bg = new long[BINS],
		unlabelled = new long[BINS];

	/**
	 * Adds the labelled pixels of one window: {@code prob} and {@code mask}
	 * ({@link TrainingSet} values; ignored pixels do not count).
	 */
	public void add(final float[] prob, final int offset, final byte[] mask) {
		for (int i = 0; i < mask.length; i++) {
			final int b = bin(prob[offset + i]);
			if (mask[i] == TrainingSet.FOREGROUND) fg[b]++;
			else if (mask[i] == TrainingSet.BACKGROUND) bg[b]++;
		}
	}

	/**
	 * Adds unlabelled pixels of the volume the threshold is for: those of
	 * {@code prob} (from {@code offset}) where {@code region} is not {@link
	 * TrainingSet#IGNORE}.
	 */
	public void addUnlabelled(final float[] prob, final int offset,
		final byte[] region)
	{
		for (int i = 0; i < region.length; i++)
			if (region[i] != TrainingSet.IGNORE) unlabelled[bin(prob[offset + i])]++;
	}

	private static int bin(final float p) {
		return Math.min(BINS - 1, Math.max(0, (int) (p * BINS)));
	}

	/** Unlabelled pixels added. */
	public long unlabelledPixels() {
		return sum(unlabelled);
	}

	/**
	 * The volume's foreground share, estimated from the unlabelled pixels by
	 * adjusted classify-and-count: {@code (q - FPR) / (TPR - FPR)} at 0.5,
	 * {@code q} the unlabelled pixels' share at {@code p >= 0.5}, clamped to
	 * [{@value #PREVALENCE_BOUND}, 1 - {@value #PREVALENCE_BOUND}]. Empty with
	 * fewer than {@value #MIN_PIXELS} pixels of a class or unlabelled, or with
	 * {@code TPR - FPR <} {@value #MIN_SEPARATION}.
	 */
	public OptionalDouble prevalence() {
		final long nf = foregroundPixels(), nb = backgroundPixels(), nu =
			unlabelledPixels();
		if (nf < MIN_PIXELS || nb < MIN_PIXELS || nu < MIN_PIXELS)
			return OptionalDouble.empty();
		final int half = BINS / 2;
		final double tpr = (double) above(fg, half) / nf, fpr = (double) above(bg,
			half) / nb;
		if (tpr - fpr < MIN_SEPARATION) return OptionalDouble.empty();
		final double q = (double) above(unlabelled, half) / nu;
		return OptionalDouble.of(Math.min(1 - PREVALENCE_BOUND, Math.max(
			PREVALENCE_BOUND, (q - fpr) / (tpr - fpr))));
	}

	/**
	 * Foreground IoU of {@code p >= t} expected where a share {@code pi} of the
	 * pixels is foreground, from the held-out pixels' TPR and FPR; at their own
	 * share it is {@link #iou(double)}.
	 */
	public double iou(final double t, final double pi) {
		final long nf = foregroundPixels(), nb = backgroundPixels();
		if (nf == 0 || nb == 0) return iou(t);
		final int from = (int) Math.round(t * BINS);
		final double tpr = (double) above(fg, from) / nf, fpr = (double) above(bg,
			from) / nb;
		final double d = pi + (1 - pi) * fpr;
		return d == 0 ? 1 : pi * tpr / d;
	}

	private static long above(final long[] h, final int from) {
		long n = 0;
		for (int b = from; b < BINS; b++)
			n += h[b];
		return n;
	}

	private static long sum(final long[] h) {
		return above(h, 0);
	}

	/** Labelled foreground pixels added. */
	public long foregroundPixels() {
		return sum(fg);
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
		return sum(bg);
	}

	/** The best threshold, or 0.5 when too few pixels were added. */
	public float best() {
		return best(HIGHEST);
	}

	/**
	 * The best threshold among {@value #LOWEST}, ..., {@code highest} in steps
	 * of 0.05 for the IoU at the volume's foreground share ({@link
	 * #prevalence()}, else the held-out pixels' own), or 0.5 when too few
	 * pixels were added.
	 */
	public float best(final double highest) {
		final long nf = foregroundPixels(), nb = backgroundPixels();
		if (nf < MIN_PIXELS || nb < MIN_PIXELS) return 0.5f;
		final OptionalDouble pi = prevalence();
		final DoubleUnaryOperator score = pi.isPresent() ? t -> iou(t, pi
			.getAsDouble()) : this::iou;
		double bestT = 0.5, bestIou = score.applyAsDouble(0.5);
		final int lo = (int) Math.round(LOWEST / 0.05), hi = (int) Math.round(
			highest / 0.05);
		for (int k = lo; k <= hi; k++) {
			final double t = k * 0.05, v = score.applyAsDouble(t);
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
