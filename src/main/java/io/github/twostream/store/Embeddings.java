package io.github.twostream.store;

import io.github.twostream.util.Progress;

/**
 * Stream B's patch embeddings, one set per encoder version: row i is the
 * vector of patch i. Stored as little-endian float32 BLOBs.
 */
public interface Embeddings {

	/**
	 * Stores (replacing) the embeddings of an encoder version in one
	 * transaction, written in batches; cancelling rolls everything back.
	 *
	 * @param encoderId a {@link ModelVersion#id()} of kind
	 *          {@link ModelKind#ENCODER}
	 * @param vectors one row per patch id, all of the same length
	 */
	void put(long encoderId, float[][] vectors, Progress progress);

	/** The stored vectors, float[n][d] indexed by patch id. */
	float[][] load(long encoderId);

	/** True if embeddings of this encoder version are stored. */
	boolean has(long encoderId);

	/** Deletes the embeddings of an encoder version. */
	void delete(long encoderId);
}
