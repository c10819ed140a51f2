package io.github.twostream.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;

/**
 * Exact k nearest neighbours by brute force, blocked and multi-threaded.
 * <p>
 * NB: squared distances come from {@code |q|^2 + |x|^2 - 2 q.x}; the pool is
 * stored transposed in blocks of {@value #BLOCK} vectors, so the inner loop
 * is a plain multiply-add over a contiguous array, which HotSpot vectorises
 * (a dot-product reduction per pair would not be). Query blocks share one
 * pool block while it is in cache. Threads take query blocks from a counter.
 * </p>
 */
public final class ExactNeighbors implements NeighborSearch {

	static final int BLOCK = 256;
	private static final int QUERY_BLOCK = 64;

	private final int threads;

	public ExactNeighbors() {
		this(Neighbors.defaultThreads());
	}

	public ExactNeighbors(final int threads) {
		this.threads = Math.max(1, threads);
	}

	@Override
	public NeighborLists search(final float[][] vectors, final int k,
		final Progress progress)
	{
		final int d = Neighbors.check(vectors, k);
		final int n = vectors.length;
		final int nBlocks = (n + BLOCK - 1) / BLOCK;
		final float[][] blocks = new float[nBlocks][];
		final float[] norms = new float[n];
		for (int b = 0; b < nBlocks; b++) {
			final int from = b * BLOCK, m = Math.min(BLOCK, n - from);
			final float[] t = blocks[b] = new float[d * BLOCK];
			for (int j = 0; j < m; j++) {
				final float[] v = vectors[from + j];
				float s = 0;
				for (int c = 0; c < d; c++) {
					t[c * BLOCK + j] = v[c];
					s += v[c] * v[c];
				}
				norms[from + j] = s;
			}
		}
		final int[][] ids = new int[n][k];
		final float[][] dist = new float[n][k];
		final int nQueryBlocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
		final AtomicInteger next = new AtomicInteger();
		final AtomicLong done = new AtomicLong();
		progress.status("Exact nearest neighbours");
		final Runnable worker = () -> {
			final float[] acc = new float[BLOCK];
			final float[][] heapD = new float[QUERY_BLOCK][k];
			final int[][] heapI = new int[QUERY_BLOCK][k];
			final int[] heapN = new int[QUERY_BLOCK];
			int qb;
			while ((qb = next.getAndIncrement()) < nQueryBlocks) {
				if (progress.isCancelled()) return;
				final int q0 = qb * QUERY_BLOCK, qm = Math.min(QUERY_BLOCK, n - q0);
				java.util.Arrays.fill(heapN, 0);
				for (int b = 0; b < nBlocks; b++) {
					final float[] t = blocks[b];
					final int from = b * BLOCK, m = Math.min(BLOCK, n - from);
					for (int q = 0; q < qm; q++) {
						final int qi = q0 + q;
						final float[] v = vectors[qi];
						java.util.Arrays.fill(acc, 0f);
						for (int c = 0; c < d; c++) {
							final float vc = v[c];
							final int off = c * BLOCK;
							for (int j = 0; j < BLOCK; j++)
								acc[j] += vc * t[off + j];
						}
						final float nq = norms[qi];
						final float[] hd = heapD[q];
						final int[] hi = heapI[q];
						for (int j = 0; j < m; j++) {
							final int id = from + j;
							if (id == qi) continue;
							final float d2 = Math.max(0f, nq + norms[id] - 2 * acc[j]);
							if (heapN[q] < k) TopK.push(hd, hi, heapN[q]++, d2, id);
							else if (d2 < hd[0]) TopK.replaceTop(hd, hi, k, d2, id);
						}
					}
				}
				for (int q = 0; q < qm; q++)
					TopK.sortInto(heapD[q], heapI[q], k, dist[q0 + q], ids[q0 + q]);
				progress.progress(done.addAndGet(qm), n);
			}
		};
		run(worker, threads);
		progress.checkCancelled();
		return new NeighborLists(ids, dist);
	}

	/** Runs {@code worker} on {@code threads} threads and waits. */
	static void run(final Runnable worker, final int threads) {
		if (threads == 1) {
			worker.run();
			return;
		}
		final ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			final List<Future<?>> fs = new ArrayList<>();
			for (int t = 0; t < threads; t++)
				fs.add(pool.submit(worker));
			for (final Future<?> f : fs)
				f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException re) throw re;
			throw new IllegalStateException(e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}
}
