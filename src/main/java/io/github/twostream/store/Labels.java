package io.github.twostream.store;

import java.util.List;
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
 */
public interface Labels {

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

	boolean canUndo();

	boolean canRedo();
}
