package io.github.twostream.annotation;

import io.github.twostream.store.StreamScores;
import io.github.twostream.volume.Patch;

/**
 * One suggestion of the current round as the annotator sees it.
 *
 * @param number 1 for the first suggestion (position in rank order)
 * @param patch the patch
 * @param scores each stream's scores (why it was picked)
 * @param state pending, accepted or skipped
 */
public record AnnotatedSuggestion(int number, Patch patch, StreamScores scores,
	SuggestionState state)
{}
