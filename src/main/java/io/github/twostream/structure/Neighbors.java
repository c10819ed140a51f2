package io.github.twostream.structure;

import io.github.twostream.util.Progress;

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

	/**
	 * The search chosen by pool size, as one {@link NeighborSearch}: what
	 * {@code loop} gives the acquisition strategies.
	 */
	public static NeighborSearch bySize() {
		return (vectors, k, progress) -> forSize(vectors.length).search(vectors,
			k, progress);
	}

	/** k nearest neighbours of every vector, with the search chosen by size. */
	public static NeighborLists of(final float[][] vectors, final int k,
		final Progress progress)
	{
		return forSize(vectors.length).search(vectors, k, progress);
	}
}
