package io.github.twostream.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;

/**
 * Approximate k nearest neighbours with an HNSW graph (hnswlib-core), for
 * pools where brute force is too slow.
 * <p>
 * NB: items are added in chunks so cancellation is checked between chunks;
 * the returned distances are recomputed exactly for the ids HNSW returns, so
 * they do not depend on the library's distance convention.
 * </p>
 */
public final class HnswNeighbors implements NeighborSearch {

	private static final int CHUNK = 5000;

	/** HNSW parameters: links per node, build and query beam widths. */
	public record Params(int m, int efConstruction, int ef) {

		public static Params defaults() {
			return new Params(12, 40, 80);
		}
	}

	private final Params params;
	private final int threads;

	public HnswNeighbors() {
		this(Params.defaults(), Neighbors.defaultThreads());
	}

	public HnswNeighbors(final Params params, final int threads) {
		this.params = params;
		this.threads = Math.max(1, threads);
	}

	/** One pool vector as an hnswlib item. */
	record Vec(Integer id, float[] vector) implements Item<Integer, float[]> {

		private static final long serialVersionUID = 1L;

		@Override
		public int dimensions() {
			return vector.length;
		}
	}

	@Override
	public NeighborLists search(final float[][] vectors, final int k,
		final Progress progress)
	{
		final int d = NeighborLists.check(vectors, k);
		final int n = vectors.length;
		// NB: for unit vectors (the encoder's embeddings) inner product ranks
		// like Euclidean distance and is cheaper (no subtraction, no sqrt)
		final HnswIndex<Integer, float[], Vec, Float> index = HnswIndex.newBuilder(
			d, unitLength(vectors) ? DistanceFunctions.FLOAT_INNER_PRODUCT
				: DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE, n).withM(params.m())
			.withEfConstruction(params.efConstruction()).withEf(Math.max(params
				.ef(), k + 1)).build();
		progress.status("Building HNSW index");
		for (int from = 0; from < n; from += CHUNK) {
			progress.checkCancelled();
			final List<Vec> chunk = new ArrayList<>(CHUNK);
			for (int i = from; i < Math.min(n, from + CHUNK); i++)
				chunk.add(new Vec(i, vectors[i]));
			try {
				index.addAll(chunk, threads, (done, max) -> {}, CHUNK);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new CancelledException();
			}
			progress.progress(Math.min(n, from + CHUNK), 2L * n);
		}

		progress.status("Querying HNSW index");
		final int[][] ids = new int[n][k];
		final float[][] dist = new float[n][k];
		final AtomicInteger next = new AtomicInteger();
		final AtomicLong done = new AtomicLong();
		final int step = 256;
		Workers.run(() -> {
			final float[] hd = new float[k];
			final int[] hi = new int[k];
			int s;
			while ((s = next.getAndAdd(step)) < n) {
				if (progress.isCancelled()) return;
				for (int i = s; i < Math.min(n, s + step); i++) {
					final List<SearchResult<Vec, Float>> found = index.findNearest(
						vectors[i], k + 1);
					int size = 0;
					for (final SearchResult<Vec, Float> r : found) {
						final int id = r.item().id();
						if (id == i) continue;
						final float d2 = squaredDistance(vectors[i], vectors[id]);
						if (size < k) TopKHeap.push(hd, hi, size++, d2, id);
						else if (d2 < hd[0]) TopKHeap.replaceTop(hd, hi, k, d2, id);
					}
					// NB: a rare short answer is padded with the farthest found
					if (size == 0) throw new IllegalStateException(
						"HNSW found no neighbour for vector " + i);
					TopKHeap.sortInto(hd, hi, size, dist[i], ids[i]);
					for (int j = size; j < k; j++) {
						dist[i][j] = dist[i][size - 1];
						ids[i][j] = ids[i][size - 1];
					}
				}
				progress.progress(n + done.addAndGet(Math.min(step, n - s)), 2L * n);
			}
		}, threads);
		progress.checkCancelled();
		return new NeighborLists(ids, dist);
	}

	private static boolean unitLength(final float[][] vectors) {
		for (final float[] v : vectors) {
			float s = 0;
			for (final float x : v)
				s += x * x;
			if (Math.abs(s - 1) > 1e-3f) return false;
		}
		return true;
	}

	static float squaredDistance(final float[] a, final float[] b) {
		float s = 0;
		for (int c = 0; c < a.length; c++) {
			final float t = a[c] - b[c];
			s += t * t;
		}
		return s;
	}
}
