package io.github.twostream.store;

import java.time.Instant;
import java.util.List;

/**
 * A recorded query round: which patches a strategy suggested and why.
 *
 * @param round the round number
 * @param strategy the strategy's name, e.g. "two-stream"
 * @param created when the round was recorded
 * @param suggestions by rank
 */
public record QueryRound(int round, String strategy, Instant created,
	List<SuggestionRecord> suggestions)
{}
