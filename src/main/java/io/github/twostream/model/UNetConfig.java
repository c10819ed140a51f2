package io.github.twostream.model;

import io.github.twostream.util.UserException;

/**
 * Architecture and training settings of the task model's U-Net.
 * <p>
 * {@code depth} counts resolution levels including the bottleneck, so the
 * network downsamples {@code depth - 1} times and every input side must be a
 * multiple of {@link #sizeMultiple()}. Level {@code l} (0-based) has
 * {@code baseFilters << l} filters.
 * </p>
 *
 * @param patchSize side of the square training/scoring patches (pixels)
 * @param depth number of levels (2..6)
 * @param baseFilters filters of the first level, doubling per level
 * @param keepProbability dropout keep probability at the bottleneck and the
 *          decoder, used in training and for MC dropout (1 = no dropout)
 * @param learningRate Adam learning rate
 * @param batchSize training batch size (patches per step)
 * @param classBalance exponent {@code beta} of the class-balancing weights
 *          (0 = unweighted, 0.5 = inverse square root of the class frequency,
 *          1 = inverse frequency); see {@link TaskModel}
 * @param seed seed of weight initialisation, dropout, batch sampling and
 *          augmentation
 * @param normGroups group normalisation (Wu and He 2018) after every
 *          convolution but the head, with this many groups per layer (clamped
 *          to the layer's channels); 0 = none. Unlike batch norm it has no
 *          running statistics, so training and inference compute the same.
 * @param diceWeight weight of the soft Dice term added to the cross-entropy
 *          (computed over the labelled pixels of the batch); 0 = cross-entropy
 *          alone
 * @param cosineSchedule learning rate per {@link TaskModel#trainSteps} call:
 *          linear warm-up over the first 5 % of the steps, then cosine decay
 *          to 5 % of {@code learningRate}; false = constant
 * @param foregroundSampling probability that a training sample is drawn
 *          among the patches with labelled foreground (when there are such
 *          patches and others); 0 = uniform sampling
 * @param inputSections 2.5-D input: the network sees the slice and this many
 *          neighbouring sections on each side as {@link #channels()} input
 *          channels (0 = 2-D, one channel); see {@link SectionStack}
 */
public record UNetConfig(int patchSize, int depth, int baseFilters,
	float keepProbability, float learningRate, int batchSize, float classBalance,
	long seed, int normGroups, float diceWeight, boolean cosineSchedule,
	float foregroundSampling, int inputSections)
{

	/** The original settings: no normalisation, no Dice, constant rate. */
	public UNetConfig(final int patchSize, final int depth, final int baseFilters,
		final float keepProbability, final float learningRate, final int batchSize,
		final float classBalance, final long seed)
	{
		this(patchSize, depth, baseFilters, keepProbability, learningRate,
			batchSize, classBalance, seed, 0, 0f, false, 0f, 0);
	}

	public UNetConfig {
		if (depth < 2 || depth > 6) throw new UserException("U-Net depth " + depth +
			" is out of range", "use a depth between 2 and 6");
		if (baseFilters < 1 || baseFilters > 256) throw new UserException(
			"U-Net base filters " + baseFilters + " is out of range",
			"use between 1 and 256 filters");
		if (patchSize < 1 || patchSize % (1 << (depth - 1)) != 0)
			throw new UserException("patch size " + patchSize +
				" is not a multiple of " + (1 << (depth - 1)) + " (2^(depth-1))",
				"use a patch size such as 64");
		if (!(keepProbability > 0 && keepProbability <= 1)) throw new UserException(
			"dropout keep probability " + keepProbability + " is not in (0, 1]",
			"use e.g. 0.9");
		if (!(learningRate > 0)) throw new UserException("learning rate " +
			learningRate + " is not positive", "use e.g. 0.001");
		if (batchSize < 1) throw new UserException("batch size " + batchSize +
			" is not positive", "use e.g. 16");
		if (!(classBalance >= 0 && classBalance <= 1)) throw new UserException(
			"class balance exponent " + classBalance + " is not in [0, 1]",
			"use 0 (off), 0.5 or 1");
		if (normGroups < 0) throw new UserException("normalisation groups " +
			normGroups + " is negative", "use 0 (off) or e.g. 8");
		if (!(diceWeight >= 0)) throw new UserException("Dice weight " +
			diceWeight + " is negative", "use 0 (off) or e.g. 1");
		if (!(foregroundSampling >= 0 && foregroundSampling <= 1))
			throw new UserException("foreground sampling " + foregroundSampling +
				" is not in [0, 1]", "use 0 (uniform) or e.g. 0.5");
		if (inputSections < 0 || inputSections > MAX_INPUT_SECTIONS)
			throw new UserException("input sections " + inputSections +
				" is not between 0 and " + MAX_INPUT_SECTIONS,
				"use 0 (2-D) or 1 (the slice and one section on each side)");
	}

	/** Most neighbouring sections on each side a 2.5-D input may have. */
	public static final int MAX_INPUT_SECTIONS = 3;

	/** Input channels: the slice and its neighbouring sections. */
	public int channels() {
		return 2 * inputSections + 1;
	}

	/**
	 * The reference network: 64 x 64 x 1 input, 3 levels with 16, 32, 64
	 * filters, keep probability 0.9, Adam at 1e-3, batch 16 (116,753
	 * parameters).
	 */
	public static UNetConfig reference() {
		return new UNetConfig(64, 3, 16, 0.9f, 1e-3f, 16, 0.5f, 42L);
	}

	/** Side multiple every input must have: {@code 2^(depth-1)}. */
	public int sizeMultiple() {
		return 1 << (depth - 1);
	}

	/** Filters at level {@code level} (0 = full resolution). */
	public int filters(final int level) {
		return baseFilters << level;
	}

	/** Length of the embedding (bottleneck channels). */
	public int embeddingSize() {
		return filters(depth - 1);
	}

	/** True if both configs build the same variables (same weights fit). */
	public boolean sameArchitecture(final UNetConfig other) {
		return depth == other.depth && baseFilters == other.baseFilters &&
			normGroups == other.normGroups && inputSections == other.inputSections;
	}

	public UNetConfig withPatchSize(final int size) {
		return new UNetConfig(size, depth, baseFilters, keepProbability,
			learningRate, batchSize, classBalance, seed, normGroups, diceWeight,
			cosineSchedule, foregroundSampling, inputSections);
	}

	public UNetConfig withSeed(final long s) {
		return new UNetConfig(patchSize, depth, baseFilters, keepProbability,
			learningRate, batchSize, classBalance, s, normGroups, diceWeight,
			cosineSchedule, foregroundSampling, inputSections);
	}

	public UNetConfig withBatchSize(final int b) {
		return new UNetConfig(patchSize, depth, baseFilters, keepProbability,
			learningRate, b, classBalance, seed, normGroups, diceWeight,
			cosineSchedule, foregroundSampling, inputSections);
	}

	public UNetConfig withArchitecture(final int d, final int base) {
		return new UNetConfig(patchSize, d, base, keepProbability, learningRate,
			batchSize, classBalance, seed, normGroups, diceWeight, cosineSchedule,
			foregroundSampling, inputSections);
	}

	/** The same with another loss/normalisation/schedule recipe. */
	public UNetConfig withRecipe(final int groups, final float dice,
		final boolean cosine, final float fgSampling)
	{
		return new UNetConfig(patchSize, depth, baseFilters, keepProbability,
			learningRate, batchSize, classBalance, seed, groups, dice, cosine,
			fgSampling, inputSections);
	}

	public UNetConfig withTraining(final float lr, final int batch,
		final float balance)
	{
		return new UNetConfig(patchSize, depth, baseFilters, keepProbability, lr,
			batch, balance, seed, normGroups, diceWeight, cosineSchedule,
			foregroundSampling, inputSections);
	}

	/** The same with a 2.5-D input of {@code n} sections on each side (0 = 2-D). */
	public UNetConfig withInputSections(final int n) {
		return new UNetConfig(patchSize, depth, baseFilters, keepProbability,
			learningRate, batchSize, classBalance, seed, normGroups, diceWeight,
			cosineSchedule, foregroundSampling, n);
	}
}
