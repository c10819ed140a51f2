package io.github.twostream.structure;

/**
 * The k nearest neighbours of every vector of a pool (the vector itself
 * excluded), nearest first.
 *
 * @param ids {@code ids[i][j]} is the index of the j-th nearest neighbour of i
 * @param distances the matching Euclidean distances, ascending per row
 */
public record NeighborLists(int[][] ids, float[][] distances) {

	/** Number of vectors. */
	public int size() {
		return ids.length;
	}

	/** Neighbours per vector. */
	public int k() {
		return ids.length == 0 ? 0 : ids[0].length;
	}
}
