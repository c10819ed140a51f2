package io.github.twostream.store;

import java.util.Set;
import java.util.SortedMap;

/**
 * What the annotation view records beside the labels: the active seconds the
 * expert spent on each accepted patch (so a round can be measured in
 * annotation seconds, not only in patches) and the suggestions the expert
 * skipped. Every write is one durable transaction.
 */
public interface AnnotationLog {

	/**
	 * Adds {@code seconds} of active annotation time to the patch (a patch
	 * accepted, undone and accepted again adds up both efforts).
	 */
	void addSeconds(int patchId, double seconds);

	/** Total active seconds recorded for the patch (0 if none). */
	double seconds(int patchId);

	/** Total active seconds of every timed patch, by patch id (ascending). */
	SortedMap<Integer, Double> allSeconds();

	/** Number of patches with recorded time. */
	int timedPatches();

	/** Total active seconds over every patch. */
	double totalSeconds();

	/** Marks a suggestion of {@code round} as skipped (idempotent). */
	void skip(int round, int patchId);

	/** Removes the skip mark; false if there was none. */
	boolean unskip(int round, int patchId);

	/** The skipped patch ids of {@code round}, ascending. */
	Set<Integer> skipped(int round);
}
