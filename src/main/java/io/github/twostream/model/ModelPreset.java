package io.github.twostream.model;

import java.util.List;
import java.util.Locale;

import io.github.twostream.util.UserException;

/**
 * A named, measured set of task-model settings: the U-Net and its training
 * recipe, augmentation, the context margin of the training windows and the
 * default training budget. {@code fast} is the CPU default used in the
 * active-learning loop; {@code accurate} is bigger and trains longer (a GPU or
 * an overnight CPU run). Figures: {@code docs/notes/streama.md}.
 *
 * @param name preset name, stored with every model version
 * @param unet architecture and training settings
 * @param augmentation training augmentation
 * @param contextMargin pixels of real image around each labelled patch in its
 *          training window (unlabelled, so the loss ignores them; the network
 *          sees the context the tiled prediction gives it)
 * @param budget default number of training steps
 */
public record ModelPreset(String name, UNetConfig unet,
	Augmentation augmentation, int contextMargin, TrainingBudget budget)
{

	public static final String FAST = "fast";
	public static final String ACCURATE = "accurate";
	public static final List<String> NAMES = List.of(FAST, ACCURATE);

	public ModelPreset {
		if (contextMargin < 0) throw new UserException("context margin " +
			contextMargin + " is negative", "use 0 or e.g. 32");
		if ((unet.patchSize() + 2 * contextMargin) % unet.sizeMultiple() != 0)
			throw new UserException("training window " + (unet.patchSize() + 2 *
				contextMargin) + " is not a multiple of " + unet.sizeMultiple(),
				"use a context margin that keeps patch + 2 margin a multiple of " + unet
					.sizeMultiple());
	}

	/**
	 * CPU default: 3 levels of 16..64 filters without normalisation, BCE + Dice,
	 * warm-up + cosine rate, foreground-balanced sampling, 96 x 96 training
	 * windows around 64 x 64 patches, 2.5-D input (the slice and one section on
	 * each side as 3 channels: +0.015 and +0.036 foreground IoU over 2-D on
	 * both seeds of the validation split, with flips and section averaging;
	 * streama.md section 12). NB: chosen on a validation split of the
	 * Lucchi++ training slices (streama.md section 7) over 4 levels with group
	 * normalisation: as good or better there, 1.8x faster to train and 2.8x
	 * faster to predict on 2 CPU cores. Its budget, 15 steps per labelled
	 * patch, won on both seeds of the same split over 10 (+0.015, +0.011
	 * foreground IoU at 200 patches), which had won over 6 (+0.017, +0.018;
	 * streama.md section 9): 2.5x the steps of a fresh training at 200
	 * patches; 20 per patch did not win on both seeds (+0.011, -0.004), nor
	 * did elastic deformation (-0.021, -0.004; streama.md section 10). Its
	 * floor, 600 steps (up to 40 labelled patches), won over 300 on all 5
	 * seeds of the validation split with 20 patches (streama.md section 17).
	 * A fine-tuning round is 30 % of that, 60..150 steps.
	 */
	public static ModelPreset fast(final int patchSize) {
		final UNetConfig u = new UNetConfig(patchSize, 3, 16, 0.9f, 2e-3f, 8, 0.5f,
			42L, 0, 1f, true, 0.5f, 1);
		return new ModelPreset(FAST, u, Augmentation.em(), 16, new TrainingBudget(
			15, 600, 3000, 0.3, 60, 150));
	}

	/** Bigger and longer: 32..256 filters, 192 x 192 windows, up to 20,000 steps. */
	public static ModelPreset accurate(final int patchSize) {
		final UNetConfig u = new UNetConfig(patchSize, 4, 32, 0.9f, 1e-3f, 8, 0.5f,
			42L, 8, 1f, true, 0.5f, 0);
		return new ModelPreset(ACCURATE, u, Augmentation.em(), 64, new TrainingBudget(
			4, 1000, 20000, 0.3, 300, 3000));
	}

	/** The preset called {@code name} (case-insensitive) for a patch size. */
	public static ModelPreset named(final String name, final int patchSize) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case FAST:
				return fast(patchSize);
			case ACCURATE:
				return accurate(patchSize);
			default:
				throw new UserException("unknown model preset '" + name + "'",
					"use one of " + String.join(", ", NAMES));
		}
	}

	/** Side of the square training windows. */
	public int windowSize() {
		return unet.patchSize() + 2 * contextMargin;
	}

	public ModelPreset withUnet(final UNetConfig u) {
		return new ModelPreset(name, u, augmentation, contextMargin, budget);
	}

	public ModelPreset withAugmentation(final Augmentation a) {
		return new ModelPreset(name, unet, a, contextMargin, budget);
	}

	public ModelPreset withContextMargin(final int margin) {
		return new ModelPreset(name, unet, augmentation, margin, budget);
	}

	public ModelPreset withSeed(final long seed) {
		return withUnet(unet.withSeed(seed));
	}
}
