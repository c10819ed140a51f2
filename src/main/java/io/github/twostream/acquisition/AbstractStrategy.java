package io.github.twostream.acquisition;

import java.util.ArrayList;
import java.util.List;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Base of the strategies: checks {@code k}, handles an empty batch, and
 * turns ordered ids into a {@link Selection}.
 */
public abstract class AbstractStrategy implements AcquisitionStrategy {

	@Override
	public final Selection select(final AcquisitionContext ctx, final int k,
		final long seed, final Progress progress)
	{
		if (k < 0) throw new UserException("Batch size " + k + " is negative",
			"ask for at least one patch");
		final int[] candidates = ctx.unlabelled();
		final int kk = Math.min(k, candidates.length);
		if (kk == 0) return new Selection(name(), List.of(), candidates.length == 0
			? "every patch is labelled" : "");
		progress.status("Choosing " + kk + " patches (" + name() + ")");
		return choose(ctx, candidates, kk, seed, progress);
	}

	/**
	 * Chooses exactly {@code k} distinct ids out of {@code candidates} (the
	 * unlabelled ids, ascending); {@code 1 <= k <= candidates.length}. Long
	 * loops call {@code progress.checkCancelled()} between steps.
	 */
	protected abstract Selection choose(AcquisitionContext ctx,
		int[] candidates, int k, long seed, Progress progress);

	/** A selection of {@code ids} in order, with {@code score[id]} (or NaN). */
	protected Selection selection(final AcquisitionContext ctx, final int[] ids,
		final double[] score, final String note)
	{
		final List<Suggestion> list = new ArrayList<>(ids.length);
		for (int r = 0; r < ids.length; r++)
			list.add(ctx.suggestion(ids[r], r + 1, score == null ? Double.NaN
				: score[ids[r]]));
		return new Selection(name(), list, note);
	}

	/** Same selection under this strategy's name, with a note prepended. */
	protected Selection renamed(final Selection s, final String note) {
		final String joined = s.note().isEmpty() ? note : note + "; " + s.note();
		return new Selection(name(), s.suggestions(), joined);
	}

	@Override
	public String toString() {
		return name();
	}
}
