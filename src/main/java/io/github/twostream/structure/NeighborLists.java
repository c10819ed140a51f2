package io.github.twostream.structure;

import io.github.twostream.util.UserException;

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

	/** Checks the pool and k; returns the dimension. */
	static int check(final float[][] vectors, final int k) {
		if (vectors.length < 2) throw new UserException("Neighbour search needs " +
			"at least 2 patches, got " + vectors.length,
			"use a larger image or a smaller patch size");
		if (k < 1 || k >= vectors.length) throw new UserException(
			"Cannot find " + k + " neighbours in a pool of " + vectors.length,
			"use k between 1 and " + (vectors.length - 1));
		final int d = vectors[0].length;
		for (final float[] v : vectors)
			if (v.length != d) throw new IllegalArgumentException(
				"vectors of different dimensions: " + d + " and " + v.length);
		return d;
	}
}
