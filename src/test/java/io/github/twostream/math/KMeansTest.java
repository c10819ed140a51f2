package io.github.twostream.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.UserException;

class KMeansTest {

	/** {@code per} points around each of {@code centres}, sd {@code sd}. */
	static float[][] blobs(final float[][] centres, final int per,
		final double sd, final long seed)
	{
		final Random r = new Random(seed);
		final int d = centres[0].length;
		final float[][] x = new float[centres.length * per][d];
		for (int c = 0; c < centres.length; c++)
			for (int i = 0; i < per; i++)
				for (int j = 0; j < d; j++)
					x[c * per + i][j] = (float) (centres[c][j] + sd * r.nextGaussian());
		return x;
	}

	private static final float[][] CENTRES = { { 0, 0, 0 }, { 10, 0, 0 }, { 0,
		10, 0 }, { 0, 0, 10 }, { 10, 10, 10 } };

	@Test
	void recoversSeparatedBlobs() {
		final int per = 60;
		final float[][] x = blobs(CENTRES, per, 0.5, 1);
		final KMeans.Result r = KMeans.fit(x, KMeans.Config.of(5, 42));
		assertEquals(5, r.k());
		// every blob maps to one cluster, and different blobs to different ones
		final Map<Integer, Integer> blobOf = new HashMap<>();
		for (int c = 0; c < CENTRES.length; c++) {
			final Set<Integer> seen = new HashSet<>();
			for (int i = 0; i < per; i++)
				seen.add(r.assignments()[c * per + i]);
			assertEquals(1, seen.size(), "blob " + c + " split over " + seen);
			assertEquals(null, blobOf.put(seen.iterator().next(), c));
		}
		// centroids sit on the true centres
		for (final float[] centroid : r.centroids()) {
			double best = Double.MAX_VALUE;
			for (final float[] c : CENTRES)
				best = Math.min(best, Distances.euclidean(centroid, c));
			assertTrue(best < 0.3, "centroid off by " + best);
		}
		// inertia ~ n * d * sd^2
		assertEquals(x.length * 3 * 0.25, r.inertia(), x.length * 3 * 0.25 * 0.3);
		int[] sizes = r.sizes();
		for (final int s : sizes)
			assertEquals(per, s);
	}

	@Test
	void sameSeedSameResult() {
		final float[][] x = blobs(CENTRES, 40, 3, 7); // overlapping: seed matters
		final KMeans.Result a = KMeans.fit(x, new KMeans.Config(8, 2, 100, 5));
		final KMeans.Result b = KMeans.fit(x, new KMeans.Config(8, 2, 100, 5));
		assertArrayEquals(a.assignments(), b.assignments());
		assertEquals(a.inertia(), b.inertia());
		for (int c = 0; c < a.k(); c++)
			assertArrayEquals(a.centroids()[c], b.centroids()[c]);
	}

	@Test
	void moreRestartsNeverWorse() {
		final float[][] x = blobs(CENTRES, 40, 3, 7);
		final double one = KMeans.fit(x, new KMeans.Config(8, 1, 100, 5))
			.inertia();
		final double five = KMeans.fit(x, new KMeans.Config(8, 5, 100, 5))
			.inertia();
		assertTrue(five <= one);
	}

	@Test
	void kAtLeastNGivesOnePointPerCluster() {
		final float[][] x = blobs(CENTRES, 1, 0.1, 3);
		final KMeans.Result r = KMeans.fit(x, KMeans.Config.of(12, 1));
		assertEquals(5, r.k());
		assertEquals(0, r.inertia(), 1e-9);
		assertEquals(5, new HashSet<>(java.util.Arrays.stream(r.assignments())
			.boxed().toList()).size());
	}

	@Test
	void duplicatePointsAndEmptyClusters() {
		// 30 copies of two distinct points, asked for 4 clusters
		final float[][] x = new float[30][];
		for (int i = 0; i < x.length; i++)
			x[i] = i % 2 == 0 ? new float[] { 1, 1 } : new float[] { -1, 2 };
		final KMeans.Result r = KMeans.fit(x, KMeans.Config.of(4, 9));
		assertEquals(0, r.inertia(), 1e-9);
		for (int i = 2; i < x.length; i++)
			assertEquals(r.assignments()[i % 2], r.assignments()[i]);
		assertTrue(r.assignments()[0] != r.assignments()[1]);
	}

	@Test
	void emptyClusterIsReseededAtFarthestPoint() {
		// one far outlier: with 2 clusters it must get its own
		final float[][] x = blobs(new float[][] { { 0, 0 } }, 50, 1, 2);
		final float[][] y = java.util.Arrays.copyOf(x, 51);
		y[50] = new float[] { 100, 100 };
		final KMeans.Result r = KMeans.fit(y, new KMeans.Config(2, 1, 100, 3));
		final int outlier = r.assignments()[50];
		for (int i = 0; i < 50; i++)
			assertTrue(r.assignments()[i] != outlier);
	}

	@Test
	void badInputIsAUserError() {
		assertThrows(UserException.class, () -> KMeans.fit(new float[0][],
			KMeans.Config.of(2, 1)));
		assertThrows(UserException.class, () -> KMeans.Config.of(0, 1));
		assertThrows(UserException.class, () -> KMeans.fit(new float[][] { { 1 },
			{ 1, 2 } }, KMeans.Config.of(1, 1)));
	}
}
