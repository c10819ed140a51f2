package io.github.twostream.structure;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Chooses the neighbour search for a pool: exact brute force up to
 * {@link #EXACT_LIMIT} vectors, approximate HNSW above (where brute force
 * grows with n^2).
 * <p>
 * NB: the limit is where the two cost about the same on a 2-core CPU: for
 * 100,000 unit vectors of 64-D, exact search (TF MatMul + TopK) took 64 CPU
 * seconds and HNSW (M 12, efConstruction 40, ef 80; recall 0.955) 68 (see
 * {@code StructureBench}); exact grows with n^2, HNSW with about n log n.
 * </p>
 */
public final class Neighbors {

	/** Pools up to this size are searched exactly. */
	public static final int EXACT_LIMIT = 100_000;

	private Neighbors() {}

	/** Default thread count: the available processors. */
	public static int defaultThreads() {
		return Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	/** The search that suits a pool of {@code n} vectors. */
	public static NeighborSearch forSize(final int n) {
		return n <= EXACT_LIMIT ? new ExactNeighbors() : new HnswNeighbors();
	}

	/** k nearest neighbours of every vector, with the search chosen by size. */
	public static NeighborLists of(final float[][] vectors, final int k,
		final Progress progress)
	{
		return forSize(vectors.length).search(vectors, k, progress);
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
