package io.github.twostream.structure;

import io.github.twostream.util.Progress;

/**
 * Typicality as in TypiClust (Hacohen et al. 2022): the inverse mean
 * Euclidean distance of a patch to its K nearest neighbours in the
 * embedding; high in dense, representative regions, low for outliers.
 */
public final class Typicality {

	/** Default neighbour count (TypiClust uses 20). */
	public static final int DEFAULT_K = 20;

	private Typicality() {}

	/** {@code 1 / mean(distances to the K neighbours)} per vector. */
	public static double[] of(final NeighborLists neighbors) {
		final double[] t = new double[neighbors.size()];
		for (int i = 0; i < t.length; i++) {
			final float[] d = neighbors.distances()[i];
			double s = 0;
			for (final float x : d)
				s += x;
			// NB: duplicates give distance 0; the floor keeps the value finite
			t[i] = 1 / Math.max(s / d.length, 1e-12);
		}
		return t;
	}

	/** Typicality with K neighbours found by {@code search}. */
	public static double[] of(final float[][] embeddings, final int k,
		final NeighborSearch search, final Progress progress)
	{
		return of(search.search(embeddings, k, progress));
	}
}
