package io.github.twostream.loop;

import io.github.twostream.model.PixelPredictor;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.Volume;

/**
 * Foreground IoU and Dice of a model over a whole test volume, predicted
 * slice by slice (never the whole volume's probabilities in memory).
 */
public final class Evaluation {

	/** Counts of a binary segmentation against ground truth. */
	public record Scores(long truePositives, long falsePositives,
		long falseNegatives)
	{

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
		final int w = image.width(), h = image.height(), d = image.depth();
		final int[] slices = slices(d, maxSlices);
		final TiledPredictor tiles = TiledPredictor.of(model);
		final float[] prob = new float[w * h];
		float[] slice = null;
		byte[] gt = null;
		long tp = 0, fp = 0, fn = 0;
		for (int i = 0; i < slices.length; i++) {
			progress.checkCancelled();
			final int z = slices[i];
			slice = image.readSlice(z, slice);
			tiles.predictSlice(slice, w, h, prob);
			gt = labels.readSlice(z, gt);
			for (int j = 0; j < w * h; j++) {
				final boolean p = prob[j] >= 0.5f;
				final boolean t = (gt[j] & 0xff) == foreground;
				if (p && t) tp++;
				else if (p) fp++;
				else if (t) fn++;
			}
			progress.progress(i + 1, slices.length);
		}
		return new Scores(tp, fp, fn);
	}

	static int[] slices(final int depth, final int max) {
		final int n = max <= 0 ? depth : Math.min(max, depth);
		final int[] z = new int[n];
		for (int i = 0; i < n; i++)
			z[i] = (int) ((long) i * depth / n);
		return z;
	}
}
