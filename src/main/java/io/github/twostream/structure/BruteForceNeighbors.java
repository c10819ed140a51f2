package io.github.twostream.structure;

import io.github.twostream.math.Distances;
import io.github.twostream.util.Progress;

/**
 * Exact k nearest neighbours in plain Java, one query at a time against the
 * whole pool: the TensorFlow-free search the acquisition strategies fall back
 * to when {@code loop} injects none (tests, small shortlists).
 * <p>
 * NB: same answer as {@link ExactNeighbors} up to ties (both rank by the
 * exact Euclidean distance of the ids they keep); it is about ten times
 * slower per CPU second, which does not matter below a few thousand vectors.
 * </p>
 */
public final class BruteForceNeighbors implements NeighborSearch {

	@Override
	public NeighborLists search(final float[][] vectors, final int k,
		final Progress progress)
	{
		NeighborLists.check(vectors, k);
		final int n = vectors.length;
		final int[][] ids = new int[n][k];
		final float[][] dist = new float[n][k];
		final float[] hd = new float[k];
		final int[] hi = new int[k];
		for (int i = 0; i < n; i++) {
			if (i % 256 == 0) progress.checkCancelled();
			int size = 0;
			for (int j = 0; j < n; j++) {
				if (j == i) continue;
				final float d2 = Distances.squared(vectors[i], vectors[j]);
				if (size < k) TopKHeap.push(hd, hi, size++, d2, j);
				else if (d2 < hd[0]) TopKHeap.replaceTop(hd, hi, k, d2, j);
			}
			TopKHeap.sortInto(hd, hi, size, dist[i], ids[i]);
		}
		return new NeighborLists(ids, dist);
	}
}
