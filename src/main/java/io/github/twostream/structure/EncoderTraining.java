package io.github.twostream.structure;

import java.util.Locale;
import java.util.SplittableRandom;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The epoch loop of the {@link ContrastiveEncoder}: random views of the
 * pool's patches, two per patch, one Adam step per batch.
 */
final class EncoderTraining {

	private EncoderTraining() {}

	/**
	 * Trains {@code graph} for {@code config.epochs()} epochs on random views of
	 * the patches of {@code source}, after {@code trainedEpochs} earlier ones;
	 * reports per step and stops between steps on cancel.
	 *
	 * @return the mean loss of each epoch
	 */
	static double[] train(final EncoderGraph graph, final EncoderConfig config,
		final int trainedEpochs, final PatchSource source, final Progress progress)
	{
		final int n = source.count();
		if (n < 2) throw new UserException("The pool has " + n +
			" patch(es); contrastive training needs at least 2",
			"use a larger image or a smaller patch size");
		final int perEpoch = config.samplesPerEpoch() > 0 ? Math.min(config
			.samplesPerEpoch(), n) : n;
		final int batch = Math.min(config.batchSize(), perEpoch);
		final int steps = (perEpoch + batch - 1) / batch;
		final long total = (long) steps * config.epochs();
		final int s = config.inputSize(), px = s * s;
		final int p = config.patchSize();
		final float[] patch = new float[p * p];
		final float[] views = new float[2 * batch * px];
		final int[] order = new int[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		final SplittableRandom shuffler = new SplittableRandom(config.seed() ^
			0x5DEECE66DL);
		final ViewAugmenter augmenter = new ViewAugmenter(p, s, config.seed() +
			trainedEpochs * 7919L);
		final double[] result = new double[config.epochs()];
		long done = 0;
		progress.progress(0, total);
		for (int e = 0; e < config.epochs(); e++) {
			// NB: the first perEpoch entries are this epoch's sample
			shuffle(order, n, shuffler);
			double sum = 0;
			int counted = 0;
			for (int st = 0; st < steps; st++) {
				progress.checkCancelled();
				final int from = st * batch, m = Math.min(batch, perEpoch - from);
				if (m < 2) break; // NB: a single patch has no negatives
				for (int b = 0; b < m; b++) {
					source.read(order[from + b], patch);
					augmenter.augment(patch, views, b * px);
					augmenter.augment(patch, views, (m + b) * px);
				}
				final float[][] mk = graph.masks(m);
				sum += graph.step(views, m, mk[0], mk[1]);
				counted++;
				progress.progress(++done, total);
			}
			result[e] = counted > 0 ? sum / counted : Double.NaN;
			progress.status(String.format(Locale.ROOT,
				"Training structure encoder: epoch %d/%d, loss %.4f", e + 1, config
					.epochs(), result[e]));
		}
		return result;
	}

	/** Fisher-Yates shuffle of the first {@code n} entries of {@code order}. */
	private static void shuffle(final int[] order, final int n,
		final SplittableRandom random)
	{
		for (int i = n - 1; i > 0; i--) {
			final int j = random.nextInt(i + 1);
			final int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
	}
}
