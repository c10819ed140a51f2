package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.twostream.bench.ClusteredVectors;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Exact and HNSW neighbour search, typicality and novelty on real computations. */
class NeighborsTest {

	/** Straightforward O(n^2) reference: sorted distances to all others. */
	private static double[] sortedDistances(final float[][] v, final int i) {
		final double[] d = new double[v.length - 1];
		int c = 0;
		for (int j = 0; j < v.length; j++)
			if (j != i) {
				double s = 0;
				for (int t = 0; t < v[i].length; t++)
					s += (v[i][t] - v[j][t]) * (v[i][t] - v[j][t]);
				d[c++] = Math.sqrt(s);
			}
		Arrays.sort(d);
		return d;
	}

	@Test
	void exactMatchesNaiveSearch() {
		// NB: 613 is not a multiple of the query block size
		final float[][] v = ClusteredVectors.make(613, 24, 5, 0.5, false, 3);
		final int k = 7;
		final NeighborLists nl = new ExactNeighbors().search(v, k, Progress.NONE);
		assertEquals(613, nl.size());
		assertEquals(k, nl.k());
		for (int i = 0; i < v.length; i++) {
			final double[] ref = sortedDistances(v, i);
			final Set<Integer> seen = new HashSet<>();
			for (int j = 0; j < k; j++) {
				assertEquals(ref[j], nl.distances()[i][j], 1e-4, "row " + i);
				final int id = nl.ids()[i][j];
				assertTrue(id != i && seen.add(id), "self or duplicate in row " + i);
				assertEquals(Math.sqrt(HnswNeighbors.squaredDistance(v[i], v[id])), nl
					.distances()[i][j], 1e-4);
			}
		}
	}

	@Test
	void hnswAgreesWithExactOn95PercentOfNeighbours() {
		final float[][] v = ClusteredVectors.make(5000, 64, 50, 0.35, true, 11);
		final int k = Typicality.DEFAULT_K;
		final NeighborLists exact = new ExactNeighbors().search(v, k,
			Progress.NONE);
		final NeighborLists approx = new HnswNeighbors().search(v, k,
			Progress.NONE);
		long agree = 0;
		for (int i = 0; i < v.length; i++) {
			final Set<Integer> truth = new HashSet<>();
			for (final int id : exact.ids()[i])
				truth.add(id);
			for (final int id : approx.ids()[i])
				if (truth.contains(id)) agree++;
		}
		final double recall = agree / (double) (v.length * k);
		assertTrue(recall >= 0.95, "HNSW recall " + recall);
	}

	@Test
	void autoChoiceDependsOnPoolSize() {
		assertInstanceOf(ExactNeighbors.class, Neighbors.forSize(
			Neighbors.EXACT_LIMIT));
		assertInstanceOf(HnswNeighbors.class, Neighbors.forSize(
			Neighbors.EXACT_LIMIT + 1));
		final float[][] v = ClusteredVectors.make(10, 4, 2, 0.1, false, 1);
		assertThrows(UserException.class, () -> Neighbors.of(v, 10,
			Progress.NONE));
	}

	@Test
	void typicalityIsHighInsideClustersAndLowForOutliers() {
		final float[][] dense = ClusteredVectors.make(400, 8, 2, 0.1, false, 5);
		final float[][] v = Arrays.copyOf(dense, 410);
		final float[][] outliers = ClusteredVectors.make(10, 8, 10, 0.1, false, 6);
		for (int i = 0; i < 10; i++) {
			v[400 + i] = outliers[i].clone();
			for (int j = 0; j < 8; j++)
				v[400 + i][j] *= 6; // far from everything
		}
		final double[] t = Typicality.of(v, 20, Neighbors.bySize(), Progress.NONE);
		double minDense = Double.MAX_VALUE, maxOutlier = 0;
		for (int i = 0; i < 400; i++)
			minDense = Math.min(minDense, t[i]);
		for (int i = 400; i < 410; i++)
			maxOutlier = Math.max(maxOutlier, t[i]);
		assertTrue(minDense > maxOutlier, minDense + " vs " + maxOutlier);
		// matches the definition on one vector
		final double[] ref = sortedDistances(v, 17);
		double mean = 0;
		for (int j = 0; j < 20; j++)
			mean += ref[j] / 20;
		assertEquals(1 / mean, t[17], 1e-3 / mean);
	}

	@Test
	void noveltyIsDistanceToNearestLabelledPatch() {
		final float[][] v = ClusteredVectors.make(300, 16, 4, 0.3, true, 9);
		final NoveltyTracker tracker = new NoveltyTracker(v);
		assertEquals(Float.POSITIVE_INFINITY, tracker.novelty(0));
		tracker.addLabelled(3, 50);
		tracker.addLabelled(50, 120, 120); // duplicates and repeats ignored
		assertEquals(3, tracker.labelledCount());
		final float[] nov = tracker.novelty();
		for (int i = 0; i < v.length; i++) {
			double best = Double.MAX_VALUE;
			for (final int l : new int[] { 3, 50, 120 })
				best = Math.min(best, Math.sqrt(HnswNeighbors.squaredDistance(v[i],
					v[l])));
			assertEquals(best, nov[i], 1e-5);
		}
		assertEquals(0, nov[120], 1e-6);
		assertThrows(UserException.class, () -> tracker.addLabelled(300));
	}
}
