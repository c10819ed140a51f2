package io.github.twostream.structure;


import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.util.Progress;

/**
 * Exact k nearest neighbours by brute force, in blocks of queries against
 * the whole pool.
 * <p>
 * NB: the block's scores {@code 2 q.x - |x|^2} (a MatMul) and their top k+1
 * run in TensorFlow: its GEMM is about ten times faster per CPU second than
 * an auto-vectorised Java loop on this hardware (measured 30 vs 3 GMAC/s),
 * and it uses the runtime's threads. Ranking by that score equals ranking by
 * Euclidean distance; the k distances kept are then recomputed exactly in
 * Java, so near-duplicates do not suffer from the cancellation in
 * {@code |q|^2 + |x|^2 - 2 q.x}.
 * </p>
 */
public final class ExactNeighbors implements NeighborSearch {

	/** Queries per TF call: a block's score matrix is QUERY_BLOCK x n floats. */
	private static final int QUERY_BLOCK = 512;

	@Override
	public NeighborLists search(final float[][] vectors, final int k,
		final Progress progress)
	{
		final int d = NeighborLists.check(vectors, k);
		final int n = vectors.length;
		final int kk = Math.min(k + 1, n); // NB: +1 for the query itself
		// NB: q' = [2q, -1] and x' = [x, |x|^2] give q'.x' = 2 q.x - |x|^2 in
		// one MatMul, with no elementwise pass over the n x n scores
		final int d1 = d + 1;
		final float[] all = new float[n * d1];
		for (int i = 0; i < n; i++) {
			System.arraycopy(vectors[i], 0, all, i * d1, d);
			all[i * d1 + d] = HnswNeighbors.squaredDistance(vectors[i], new float[d]);
		}
		final int[][] ids = new int[n][k];
		final float[][] dist = new float[n][k];
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> q = tf.placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, d1)));
			final Placeholder<TFloat32> pool = tf.placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(n, d1)));
			final Operand<TFloat32> score = tf.linalg.matMul(q, pool, MatMul
				.transposeB(true));
			final TopK<TFloat32, TInt32> top = tf.nn.topK(score, tf.constant(kk),
				new TopK.Options[0]);
			final float[] qbuf = new float[QUERY_BLOCK * d1];
			final int[] idx = new int[QUERY_BLOCK * kk];
			final float[] hd = new float[k];
			final int[] hi = new int[k];
			try (Session s = TfRuntime.get().newSession(g);
					TFloat32 poolT = TFloat32.tensorOf(Shape.of(n, d1), DataBuffers.of(all,
						true, false)))
			{
				for (int q0 = 0; q0 < n; q0 += QUERY_BLOCK) {
					progress.checkCancelled();
					final int m = Math.min(QUERY_BLOCK, n - q0);
					for (int b = 0; b < m; b++) {
						final float[] v = vectors[q0 + b];
						for (int c = 0; c < d; c++)
							qbuf[b * d1 + c] = 2 * v[c];
						qbuf[b * d1 + d] = -1;
					}
					try (TFloat32 qT = TFloat32.tensorOf(Shape.of(m, d1), DataBuffers.of(
						qbuf, true, false).narrow((long) m * d1));
							Result r = s.runner().feed(q, qT).feed(pool, poolT).fetch(top
								.indices()).run())
					{
						((TInt32) r.get(0)).asRawTensor().data().asInts().read(idx, 0, m *
							kk);
					}
					for (int b = 0; b < m; b++) {
						final int qi = q0 + b;
						int size = 0;
						for (int j = 0; j < kk && size < k; j++) {
							final int id = idx[b * kk + j];
							if (id == qi) continue;
							TopKHeap.push(hd, hi, size++, HnswNeighbors.squaredDistance(
								vectors[qi], vectors[id]), id);
						}
						TopKHeap.sortInto(hd, hi, size, dist[qi], ids[qi]);
					}
					progress.progress(q0 + m, n);
				}
			}
		}
		return new NeighborLists(ids, dist);
	}
}
