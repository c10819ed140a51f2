package io.github.twostream.annotation;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import io.github.twostream.volume.Patch;

/**
 * Smooth per-pixel heatmaps from per-patch scores: each patch's score sits at
 * its centre and the field is bilinearly interpolated between centres (held
 * constant beyond the outer ones), so the heatmap shows where the scores rise
 * instead of a blocky grid. Missing (NaN) scores leave a hole; corners with a
 * score are re-weighted.
 */
public final class ScoreField {

	private ScoreField() {}

	/**
	 * @param patches the patches of one slice
	 * @param scores score by patch id
	 * @param out {@code width * height} values, NaN where no score reaches
	 */
	public static void smooth(final List<Patch> patches, final double[] scores,
		final int width, final int height, final float[] out)
	{
		Arrays.fill(out, Float.NaN);
		if (patches.isEmpty()) return;
		final TreeMap<Double, Integer> xs = new TreeMap<>(), ys = new TreeMap<>();
		for (final Patch p : patches) {
			xs.put(p.x() + p.w() / 2.0, 0);
			ys.put(p.y() + p.h() / 2.0, 0);
		}
		final double[] cx = index(xs), cy = index(ys);
		final double[][] v = new double[cy.length][cx.length];
		for (final double[] row : v)
			Arrays.fill(row, Double.NaN);
		for (final Patch p : patches) {
			final double s = scores[p.id()];
			if (Double.isNaN(s)) continue;
			final int i = ys.get(p.y() + p.h() / 2.0), j = xs.get(p.x() + p.w() /
				2.0);
			// NB: overlapping patches at one centre: the higher score
			if (Double.isNaN(v[i][j]) || s > v[i][j]) v[i][j] = s;
		}
		final int[] x0 = new int[width];
		final double[] tx = new double[width];
		weights(cx, width, x0, tx);
		final int[] y0 = new int[height];
		final double[] ty = new double[height];
		weights(cy, height, y0, ty);
		for (int y = 0; y < height; y++) {
			final double[] top = v[y0[y]], bottom = v[Math.min(y0[y] + 1, cy.length -
				1)];
			final double wy = ty[y];
			for (int x = 0; x < width; x++) {
				final int j = x0[x], j1 = Math.min(j + 1, cx.length - 1);
				final double wx = tx[x];
				out[y * width + x] = (float) blend(top[j], top[j1], bottom[j],
					bottom[j1], wx, wy);
			}
		}
	}

	/** Bilinear blend of four corners, skipping NaN corners. */
	private static double blend(final double a, final double b, final double c,
		final double d, final double wx, final double wy)
	{
		double sum = 0, w = 0;
		final double wa = (1 - wx) * (1 - wy), wb = wx * (1 - wy), wc = (1 - wx) *
			wy, wd = wx * wy;
		if (!Double.isNaN(a)) { sum += wa * a; w += wa; }
		if (!Double.isNaN(b)) { sum += wb * b; w += wb; }
		if (!Double.isNaN(c)) { sum += wc * c; w += wc; }
		if (!Double.isNaN(d)) { sum += wd * d; w += wd; }
		return w > 1e-9 ? sum / w : Double.NaN;
	}

	/** Numbers the sorted centres; returns them as an array. */
	private static double[] index(final TreeMap<Double, Integer> centres) {
		final double[] c = new double[centres.size()];
		int i = 0;
		for (final var e : centres.entrySet()) {
			e.setValue(i);
			c[i++] = e.getKey();
		}
		return c;
	}

	/** For each pixel: the centre on its left (index) and the weight of the next. */
	private static void weights(final double[] centres, final int n,
		final int[] left, final double[] t)
	{
		int k = 0;
		for (int p = 0; p < n; p++) {
			final double c = p + 0.5;
			while (k + 1 < centres.length && centres[k + 1] <= c)
				k++;
			left[p] = k;
			if (c <= centres[0] || k + 1 >= centres.length) t[p] = 0;
			else t[p] = (c - centres[k]) / (centres[k + 1] - centres[k]);
		}
	}
}
