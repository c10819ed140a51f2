package io.github.twostream.acquisition;

import java.util.List;

/**
 * A strategy's answer: the suggested patches in order, and a note for the
 * user (e.g. why a fallback was used; empty when there is nothing to say).
 */
public record Selection(String strategy, List<Suggestion> suggestions,
	String note)
{

	public Selection {
		suggestions = List.copyOf(suggestions);
		note = note == null ? "" : note;
	}

	/** The suggested patch ids in order. */
	public int[] ids() {
		return suggestions.stream().mapToInt(Suggestion::patchId).toArray();
	}

	public int size() {
		return suggestions.size();
	}
}
