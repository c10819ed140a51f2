package io.github.twostream.store;

import java.util.List;
import java.util.Optional;

/** The history of query rounds: what was suggested, when, and why. */
public interface Queries {

	/**
	 * Records a round in one transaction; recording the same round number again
	 * replaces it.
	 */
	void record(int round, String strategy, List<SuggestionRecord> suggestions);

	/**
	 * Records a new round under the next free number, taken inside the write
	 * transaction (so two concurrent rounds get distinct numbers).
	 *
	 * @return the round number recorded
	 */
	int recordNext(String strategy, List<SuggestionRecord> suggestions);

	/** The given round, suggestions by rank. */
	Optional<QueryRound> round(int round);

	/** The round with the highest number. */
	Optional<QueryRound> latest();

	/** All round numbers, ascending. */
	List<Integer> rounds();
}
