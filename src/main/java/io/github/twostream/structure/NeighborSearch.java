package io.github.twostream.structure;

import io.github.twostream.util.Progress;

/** Finds the k nearest neighbours (Euclidean) of every vector in a pool. */
public interface NeighborSearch {

	/**
	 * @param vectors the pool, all of one dimension
	 * @param k neighbours per vector, excluding the vector itself; must be
	 *          less than the pool size
	 */
	NeighborLists search(float[][] vectors, int k, Progress progress);
}
