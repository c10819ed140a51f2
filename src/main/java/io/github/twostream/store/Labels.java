package io.github.twostream.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The expert's labels, one per patch, with an undo/redo log.
 * <p>
 * Every write is one durable transaction (synchronous=FULL): when a method
 * returns, the label survives a crash or power loss; when it throws, nothing
 * was written. Every write also appends to an edit log (previous and new
 * state), so {@link #undo()} and {@link #redo()} restore labels exactly, also
 * after the project was closed and reopened. A new edit after an undo clears
 * the redo tail.
 * </p>
 * <p>
 * Every write of a patch (put, remove, undo, redo, by any program on the
 * project) also raises the patch's <em>revision</em> in the same transaction.
 * A writer that remembers the revisions it read ({@link #read}) can write
 * conditionally ({@link #putAll(List, Map)}, {@link #undo(Map)}): a patch
 * changed meanwhile by another window or process is refused, never silently
 * overwritten (optimistic concurrency, also across processes).
 * </p>
 */
public interface Labels {

	/**
	 * A patch's stored label (empty: none) and revision (0: never written),
	 * read together.
	 */
	record Revised(int patchId, Optional<PatchLabel> label, long revision) {}

	/**
	 * What a conditional write did: the patches written with their new
	 * revisions (in write order), and the patches refused because their
	 * revision was not the expected one (nothing of them was written).
	 */
	record Outcome(Map<Integer, Long> written, List<Integer> refused) {

		public Outcome {
			written = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
				written));
			refused = List.copyOf(refused);
		}
	}

	/**
	 * Stores (or replaces) the label of one patch.
	 *
	 * @param mask patchSize * patchSize bytes, each 0, 1 or (scribbles only) 255
	 */
	void put(int patchId, LabelKind kind, byte[] mask);

	/**
	 * Stores several labels in one transaction (and one undo step); their
	 * {@link PatchLabel#updated()} is ignored (may be null).
	 */
	void putAll(List<PatchLabel> labels);

	/**
	 * Stores, in one transaction and one undo step, the labels of the patches
	 * whose revision is still the one in {@code expected} (a patch missing from
	 * it is not checked); the others are refused and not written.
	 */
	Outcome putAll(List<PatchLabel> labels, Map<Integer, Long> expected);

	/** The patches' labels and revisions, in one consistent read. */
	List<Revised> read(Collection<Integer> patchIds);

	/** The patch's label; a clear error if its stored bytes are corrupt. */
	Optional<PatchLabel> get(int patchId);

	/** Ids of all labelled patches, ascending. */
	Set<Integer> labelledIds();

	/** Number of labelled patches. */
	int count();

	/** Removes the patch's label (an undoable edit); false if it had none. */
	boolean remove(int patchId);

	/** Undoes the latest edit step; returns the patch ids it changed (empty: nothing to undo). */
	List<Integer> undo();

	/** Redoes the latest undone step; returns the patch ids it changed (empty: nothing to redo). */
	List<Integer> redo();

	/**
	 * Undoes the latest edit step unless a patch it changes has a revision other
	 * than the one in {@code known} (patches missing from it are not checked):
	 * then the step is refused whole and nothing is written.
	 */
	Outcome undo(Map<Integer, Long> known);

	/** Redoes the latest undone step, refused as {@link #undo(Map)} is. */
	Outcome redo(Map<Integer, Long> known);

	boolean canUndo();

	boolean canRedo();
}
