package io.github.twostream.structure;

import java.util.SplittableRandom;

import io.github.twostream.util.Progress;

/**
 * Principal subspace of raw patch pixels, for the raw-pixel baseline of
 * {@link EmbeddingQuality}.
 * <p>
 * NB: hand-written (block power / subspace iteration with modified
 * Gram-Schmidt) because the project has no linear-algebra library and the
 * job is small: never forms the p x p covariance, costs 2 n p d per
 * iteration. Only the spanned subspace is needed: projecting onto any
 * orthonormal basis of the top-d principal subspace gives the same
 * Euclidean distances as projecting onto the principal axes, so no
 * Rayleigh-Ritz rotation is done.
 * </p>
 */
public final class Pca {

	private final float[] mean;
	private final float[][] basis; // d x p, orthonormal rows

	private Pca(final float[] mean, final float[][] basis) {
		this.mean = mean;
		this.basis = basis;
	}

	public int dim() {
		return basis.length;
	}

	/**
	 * Fits the top-{@code dim} principal subspace on at most
	 * {@code maxSamples} patches of {@code source} (chosen evenly spaced).
	 */
	public static Pca fit(final PatchSource source, final int dim,
		final int maxSamples, final int iterations, final long seed,
		final Progress progress)
	{
		final int n = source.count(), p = source.patchSize() * source.patchSize();
		final int m = Math.min(n, maxSamples);
		final int d = Math.min(dim, Math.min(m, p));
		progress.status("Raw-pixel PCA");
		final float[][] x = new float[m][p];
		final float[] mean = new float[p];
		for (int i = 0; i < m; i++) {
			source.read((int) ((long) i * n / m), x[i]);
			for (int j = 0; j < p; j++)
				mean[j] += x[i][j] / m;
		}
		for (final float[] row : x)
			for (int j = 0; j < p; j++)
				row[j] -= mean[j];
		final SplittableRandom r = new SplittableRandom(seed);
		float[][] q = new float[d][p];
		for (final float[] row : q)
			for (int j = 0; j < p; j++)
				row[j] = (float) (r.nextDouble() - 0.5);
		orthonormalise(q);
		final float[] y = new float[d];
		for (int it = 0; it < iterations; it++) {
			progress.checkCancelled();
			final float[][] z = new float[d][p];
			for (final float[] row : x) { // z += (x q^T)^T x, row by row
				for (int c = 0; c < d; c++)
					y[c] = dot(row, q[c]);
				for (int c = 0; c < d; c++) {
					final float yc = y[c];
					final float[] zc = z[c];
					for (int j = 0; j < p; j++)
						zc[j] += yc * row[j];
				}
			}
			orthonormalise(z);
			q = z;
			progress.progress(it + 1, iterations);
		}
		return new Pca(mean, q);
	}

	/** Projects every patch of {@code source} onto the subspace. */
	public float[][] project(final PatchSource source) {
		final int p = mean.length;
		final float[] buf = new float[p];
		final float[][] out = new float[source.count()][basis.length];
		for (int i = 0; i < out.length; i++) {
			source.read(i, buf);
			for (int j = 0; j < p; j++)
				buf[j] -= mean[j];
			for (int c = 0; c < basis.length; c++)
				out[i][c] = dot(buf, basis[c]);
		}
		return out;
	}

	private static float dot(final float[] a, final float[] b) {
		// NB: 4 partial sums let the JIT overlap the adds
		float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int j = 0;
		for (; j + 3 < a.length; j += 4) {
			s0 += a[j] * b[j];
			s1 += a[j + 1] * b[j + 1];
			s2 += a[j + 2] * b[j + 2];
			s3 += a[j + 3] * b[j + 3];
		}
		for (; j < a.length; j++)
			s0 += a[j] * b[j];
		return s0 + s1 + s2 + s3;
	}

	/** Modified Gram-Schmidt on the rows; a degenerate row is zeroed. */
	private static void orthonormalise(final float[][] rows) {
		for (int c = 0; c < rows.length; c++) {
			final float[] v = rows[c];
			for (int e = 0; e < c; e++) {
				final float proj = dot(v, rows[e]);
				final float[] u = rows[e];
				for (int j = 0; j < v.length; j++)
					v[j] -= proj * u[j];
			}
			final double norm = Math.sqrt(dot(v, v));
			final float inv = norm > 1e-12 ? (float) (1 / norm) : 0f;
			for (int j = 0; j < v.length; j++)
				v[j] *= inv;
		}
	}
}
