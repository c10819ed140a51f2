package io.github.twostream.structure;

import java.util.SplittableRandom;

import io.github.twostream.bench.ClusteredVectors;

/**
 * A synthetic EM-like patch pool for tests: textured noise with none, a few
 * or many dark membrane-bounded blobs ("mitochondria"), random brightness
 * and contrast per patch, with each patch's
 * true foreground fraction.
 */
final class SyntheticPool {

	final float[][] patches;
	final double[] foreground;
	final int size;

	SyntheticPool(final int count, final int size, final long seed) {
		this.size = size;
		patches = new float[count][size * size];
		foreground = new double[count];
		final SplittableRandom r = new SplittableRandom(seed);
		final boolean[] mask = new boolean[size * size];
		for (int i = 0; i < count; i++) {
			final float[] p = patches[i];
			// texture: two random oriented waves + pixel noise around 0.6
			final double f1 = 0.2 + 0.6 * r.nextDouble(), a1 = Math.PI * r
				.nextDouble(), ph1 = 6.28 * r.nextDouble();
			final double f2 = 0.5 + 0.9 * r.nextDouble(), a2 = Math.PI * r
				.nextDouble(), ph2 = 6.28 * r.nextDouble();
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) {
					final double w1 = Math.sin(f1 * (x * Math.cos(a1) + y * Math.sin(
						a1)) + ph1), w2 = Math.sin(f2 * (x * Math.cos(a2) + y * Math.sin(
							a2)) + ph2);
					p[y * size + x] = (float) (0.6 + 0.06 * w1 + 0.04 * w2 + 0.05 *
						ClusteredVectors.gaussian(r));
				}
			java.util.Arrays.fill(mask, false);
			final int kind = i % 3;
			final int blobs = kind == 0 ? 0 : kind == 1 ? 1 : 3 + r.nextInt(3);
			final double rMin = kind == 1 ? 1.8 : 4.5, rMax = kind == 1 ? 3.5 : 8;
			for (int b = 0; b < blobs; b++) {
				final double rad = rMin + (rMax - rMin) * r.nextDouble();
				final double cx = size * r.nextDouble(), cy = size * r.nextDouble();
				for (int y = 0; y < size; y++)
					for (int x = 0; x < size; x++) {
						final double d = Math.hypot(x - cx, y - cy);
						if (d <= rad) {
							mask[y * size + x] = true;
							p[y * size + x] = (float) (0.3 + 0.05 * ClusteredVectors.gaussian(r));
						}
						else if (d <= rad + 1.2 && !mask[y * size + x]) p[y * size + x] =
							(float) (0.15 + 0.03 * ClusteredVectors.gaussian(r)); // dark membrane
					}
			}
			// NB: sections differ in brightness and contrast; content does not
			final float gain = (float) (0.7 + 0.6 * r.nextDouble());
			final float offset = (float) (0.3 * r.nextDouble() - 0.15);
			for (int j = 0; j < p.length; j++)
				p[j] = (p[j] - 0.5f) * gain + 0.5f + offset;
			int fg = 0;
			for (final boolean m : mask)
				if (m) fg++;
			foreground[i] = fg / (double) mask.length;
		}
	}

	PatchSource source() {
		return PatchSources.of(patches, size);
	}
}
