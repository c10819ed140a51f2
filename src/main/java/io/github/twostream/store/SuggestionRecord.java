package io.github.twostream.store;

/**
 * One suggested patch of a query round.
 *
 * @param patchId the patch's id
 * @param rank 0-based position in the round's ranking
 * @param scores the per-stream scores behind the ranking
 */
public record SuggestionRecord(int patchId, int rank, StreamScores scores) {}
