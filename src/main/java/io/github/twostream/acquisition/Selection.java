package io.github.twostream.acquisition;

import java.util.List;

/**
 * A strategy's answer: the suggested patches in order, and a note for the
 * user (e.g. why a fallback was used; empty when there is nothing to say).
 *
 * @param combined the score the strategy ranked every patch by, indexed by
 *          patch id (0 for patches it did not consider), or null if it has no
 *          such score: what the acquisition heatmap shows
 */
public record Selection(String strategy, List<Suggestion> suggestions,
	String note, double[] combined)
{

	public Selection {
		suggestions = List.copyOf(suggestions);
		note = note == null ? "" : note;
	}

	/** A selection without a combined score. */
	public Selection(final String strategy, final List<Suggestion> suggestions,
		final String note)
	{
		this(strategy, suggestions, note, null);
	}

	/** The suggested patch ids in order. */
	public int[] ids() {
		return suggestions.stream().mapToInt(Suggestion::patchId).toArray();
	}

	public int size() {
		return suggestions.size();
	}
}
