package io.github.twostream.acquisition;

import io.github.twostream.util.Progress;

/**
 * Base of the stream A strategies that take the top-k of one per-patch
 * score (entropy, margin, BALD). Without a task model they fall back to
 * stream B ({@link Fallbacks}); when their own score was not computed they
 * use entropy and say so.
 */
public abstract class ScoreStrategy extends AbstractStrategy {

	/** The score (higher = pick first), or null if not computed. */
	protected abstract double[] score(AcquisitionContext ctx);

	@Override
	public boolean needsTaskModel() {
		return true;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		if (!ctx.hasTaskModel()) return Fallbacks.withoutTaskModel(this, ctx,
			candidates, k, seed, progress);
		double[] score = score(ctx);
		String note = "";
		if (score == null) {
			score = ctx.entropy();
			note = name() + " scores were not computed, used pixel entropy";
		}
		return selection(ctx, Scores.topK(score, candidates, k), score, note);
	}
}
