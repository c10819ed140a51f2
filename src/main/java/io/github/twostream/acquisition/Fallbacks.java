package io.github.twostream.acquisition;

import io.github.twostream.util.Progress;

/**
 * What strategies do when their stream is missing: stream B (typicality x
 * novelty with a diverse batch, see {@link TwoStreamStrategy}) when the
 * embedding exists, else random.
 */
final class Fallbacks {

	static final String COLD_START =
		"cold start: no task model yet, fell back to stream B (typicality + novelty)";

	static final String NO_STREAMS =
		"no task model and no stream B embedding yet, fell back to random";

	private Fallbacks() {}

	/** The stream B fallback selection, with a note saying so. */
	static Selection withoutTaskModel(final AbstractStrategy caller,
		final AcquisitionContext ctx, final int[] candidates, final int k,
		final long seed, final Progress progress)
	{
		if (ctx.hasStreamB()) {
			// NB: two-stream's own note already says "cold start ..."
			final Selection s = new TwoStreamStrategy().choose(ctx, candidates, k,
				seed, progress);
			return new Selection(caller.name(), s.suggestions(), s.note());
		}
		return caller.renamed(new RandomStrategy().choose(ctx, candidates, k,
			seed, progress), NO_STREAMS);
	}
}
