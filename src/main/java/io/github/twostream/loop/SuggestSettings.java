package io.github.twostream.loop;

import io.github.twostream.acquisition.Strategies;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;

/**
 * Settings of one suggestion round.
 *
 * @param strategy acquisition strategy name (see {@link Strategies#names()})
 * @param k number of patches to suggest
 * @param mcPasses MC-dropout passes for BALD (0: no BALD)
 * @param typicalityK neighbours for stream B typicality
 * @param seed seeds the strategy's random choices
 * @param encoder stream B encoder settings (trained once, then cached)
 */
public record SuggestSettings(String strategy, int k, int mcPasses,
	int typicalityK, long seed, EncoderConfig encoder)
{

	public SuggestSettings {
		// NB: unknown names and simulation-only baselines fail here
		Strategies.forProduct(strategy);
		if (k < 1) throw new BadArgumentException("k = " + k + " patches to suggest",
			"ask for at least 1 patch");
		if (mcPasses < 0 || mcPasses > 100) throw new BadArgumentException(
			"MC passes " + mcPasses, "use 0 (no BALD) to 100; 8 is typical");
		if (typicalityK < 1) throw new BadArgumentException("typicality K " +
			typicalityK, "use at least 1 neighbour (default 20)");
	}

	/** Defaults: two-stream, 16 patches, BALD from 8 passes, K = 20. */
	public static SuggestSettings defaults(final int patchSize) {
		return new SuggestSettings(Strategies.DEFAULT, 16, 8, Typicality.DEFAULT_K,
			1, withPatchSize(EncoderConfig.defaults(), patchSize));
	}

	public SuggestSettings withStrategy(final String s) {
		return new SuggestSettings(s, k, mcPasses, typicalityK, seed, encoder);
	}

	public SuggestSettings withK(final int n) {
		return new SuggestSettings(strategy, n, mcPasses, typicalityK, seed,
			encoder);
	}

	public SuggestSettings withEncoder(final EncoderConfig e) {
		return new SuggestSettings(strategy, k, mcPasses, typicalityK, seed, e);
	}

	/** The default encoder adapted to another patch size. */
	public static EncoderConfig withPatchSize(final EncoderConfig c,
		final int patchSize)
	{
		if (c.patchSize() == patchSize) return c;
		final int input = Math.max(16, (patchSize * 3 / 4) / 8 * 8);
		return new EncoderConfig(patchSize, input, c.embeddingDim(), c
			.projectionDim(), c.baseFilters(), c.temperature(), c.batchSize(), c
				.epochs(), c.samplesPerEpoch(), c.learningRate(), c.seed());
	}
}
