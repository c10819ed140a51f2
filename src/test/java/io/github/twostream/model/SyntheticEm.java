package io.github.twostream.model;

import java.util.Random;

/**
 * Test data: dark round blobs (foreground) on a bright noisy texture, in
 * normalised intensities, built from a seed.
 */
final class SyntheticEm {

	final float[] images;
	final byte[] masks;
	final int n, size;

	SyntheticEm(final int n, final int size, final long seed) {
		this.n = n;
		this.size = size;
		images = new float[n * size * size];
		masks = new byte[n * size * size];
		final Random r = new Random(seed);
		for (int i = 0; i < n; i++) {
			final int blobs = 1 + r.nextInt(3);
			final double[] cx = new double[blobs], cy = new double[blobs],
				rad = new double[blobs];
			for (int b = 0; b < blobs; b++) {
				cx[b] = r.nextDouble() * size;
				cy[b] = r.nextDouble() * size;
				rad[b] = 4 + r.nextDouble() * 8;
			}
			final double phase = r.nextDouble() * 6;
			for (int y = 0; y < size; y++) {
				for (int x = 0; x < size; x++) {
					boolean fg = false;
					for (int b = 0; b < blobs; b++)
						fg |= (x - cx[b]) * (x - cx[b]) + (y - cy[b]) * (y - cy[b]) < rad[b] *
							rad[b];
					final double texture = 0.1 * Math.sin(0.8 * x + phase) * Math.sin(0.6 *
						y);
					final int j = (i * size + y) * size + x;
					images[j] = (float) ((fg ? 0.3 : 0.7) + texture + 0.08 * r
						.nextGaussian());
					masks[j] = fg ? TrainingSet.FOREGROUND : TrainingSet.BACKGROUND;
				}
			}
		}
	}

	float[] image(final int i) {
		final int px = size * size;
		return java.util.Arrays.copyOfRange(images, i * px, (i + 1) * px);
	}

	byte[] mask(final int i) {
		final int px = size * size;
		return java.util.Arrays.copyOfRange(masks, i * px, (i + 1) * px);
	}

	TrainingSet trainingSet(final int from, final int to) {
		final TrainingSet t = new TrainingSet(size);
		for (int i = from; i < to; i++)
			t.add(image(i), mask(i));
		return t;
	}

	/** Foreground IoU of probabilities > 0.5 on patches [from, to). */
	static double iou(final float[] prob, final byte[] masks, final int from,
		final int to, final int px)
	{
		long inter = 0, union = 0;
		for (int j = from * px; j < to * px; j++) {
			final boolean p = prob[j - from * px] > 0.5f, t =
				masks[j] == TrainingSet.FOREGROUND;
			if (p && t) inter++;
			if (p || t) union++;
		}
		return union == 0 ? 1 : inter / (double) union;
	}
}
