package io.github.twostream.loop;

import io.github.twostream.model.PixelPredictor;
import io.github.twostream.model.SectionAveraging;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.Volume;

/**
 * Foreground IoU, mean IoU and Dice of a model over a whole test volume,
 * predicted slice by slice (never the whole volume's probabilities in
 * memory).
 * <p>
 * NB: "IoU" here is always the foreground IoU (Jaccard of the foreground
 * class); many papers report the mean of foreground and background IoU, which
 * is much higher on sparse foreground: {@link Scores#meanIou()}.
 * </p>
 */
public final class Evaluation {

	/** Counts of a binary segmentation against ground truth. */
	public record Scores(long truePositives, long falsePositives,
		long falseNegatives, long trueNegatives)
	{

		/** Counts without true negatives (mean IoU then undefined: NaN). */
		public Scores(final long tp, final long fp, final long fn) {
			this(tp, fp, fn, -1);
		}

		/** Background IoU {@code TN / (TN + FP + FN)}; NaN without TN count. */
		public double backgroundIou() {
			if (trueNegatives < 0) return Double.NaN;
			final long d = trueNegatives + falsePositives + falseNegatives;
			return d == 0 ? 1 : (double) trueNegatives / d;
		}

		/** Mean of foreground and background IoU. */
		public double meanIou() {
			return (iou() + backgroundIou()) / 2;
		}

		public double iou() {
			final long d = truePositives + falsePositives + falseNegatives;
			return d == 0 ? 1 : (double) truePositives / d;
		}

		public double dice() {
			final long d = 2 * truePositives + falsePositives + falseNegatives;
			return d == 0 ? 1 : 2.0 * truePositives / d;
		}
	}

	private Evaluation() {}

	/**
	 * Predicts every slice of {@code image} and compares {@code p >= 0.5} with
	 * {@code labels == foreground}.
	 *
	 * @param maxSlices evaluate at most this many slices, evenly spaced (0: all)
	 */
	public static Scores evaluate(final PixelPredictor model, final Volume image,
		final LabelImage labels, final int foreground, final int maxSlices,
		final Progress progress)
	{
		return evaluate(model, image, labels, foreground, maxSlices, new float[] {
			0.5f }, progress)[0];
	}

	/** As above, at the task model's (calibrated) threshold. */
	public static Scores evaluate(final TaskModel model, final Volume image,
		final LabelImage labels, final int foreground, final int maxSlices,
		final Progress progress)
	{
		return evaluate(model, image, labels, foreground, maxSlices, new float[] {
			model.threshold() }, progress)[0];
	}

	/**
	 * Predicts every slice once and scores {@code p >= t} for each of
	 * {@code thresholds}.
	 */
	public static Scores[] evaluate(final PixelPredictor model,
		final Volume image, final LabelImage labels, final int foreground,
		final int maxSlices, final float[] thresholds, final Progress progress)
	{
		return evaluate(model, image, labels, foreground, maxSlices, thresholds, 0,
			progress);
	}

	/**
	 * As above, each slice's probabilities averaged with those of
	 * {@code sections} neighbouring slices on each side
	 * ({@link SectionAveraging}; 0 = the slice alone).
	 */
	public static Scores[] evaluate(final PixelPredictor model,
		final Volume image, final LabelImage labels, final int foreground,
		final int maxSlices, final float[] thresholds, final int sections,
		final Progress progress)
	{
		final int w = image.width(), h = image.height(), d = image.depth();
		final int[] slices = slices(d, maxSlices);
		final SectionAveraging predicted = new SectionAveraging(TiledPredictor.of(
			model), z -> image.readSlice(z, null), w, h, d, sections);
		byte[] gt = null;
		final int k = thresholds.length;
		final long[] tp = new long[k], fp = new long[k], fn = new long[k], tn =
			new long[k];
		for (int i = 0; i < slices.length; i++) {
			progress.checkCancelled();
			final int z = slices[i];
			final float[] prob = predicted.slice(z);
			gt = labels.readSlice(z, gt);
			for (int j = 0; j < w * h; j++) {
				final boolean t = (gt[j] & 0xff) == foreground;
				for (int q = 0; q < k; q++) {
					final boolean p = prob[j] >= thresholds[q];
					if (p && t) tp[q]++;
					else if (p) fp[q]++;
					else if (t) fn[q]++;
					else tn[q]++;
				}
			}
			progress.progress(i + 1, slices.length);
		}
		final Scores[] out = new Scores[k];
		for (int q = 0; q < k; q++)
			out[q] = new Scores(tp[q], fp[q], fn[q], tn[q]);
		return out;
	}

	public static int[] slices(final int depth, final int max) {
		final int n = max <= 0 ? depth : Math.min(max, depth);
		final int[] z = new int[n];
		for (int i = 0; i < n; i++)
			z[i] = (int) ((long) i * depth / n);
		return z;
	}
}
