package io.github.twostream.model;

import java.util.Random;

/**
 * Training-time augmentation for EM patches: the 8 symmetries of the square
 * (random flips and 90-degree rotations, applied to image and mask alike),
 * intensity jitter {@code v * gain + offset} and additive Gaussian noise
 * (image only). EM has no preferred orientation, so all 8 symmetries are
 * valid; the intensity terms mimic contrast and exposure differences between
 * sections.
 *
 * @param symmetries apply a random flip/rotation
 * @param gainJitter gain drawn uniformly from {@code 1 +- gainJitter}
 * @param offsetJitter offset drawn uniformly from {@code +- offsetJitter}
 *          (normalised intensity units)
 * @param noiseSigma standard deviation of the Gaussian noise; each patch draws
 *          its sigma uniformly from {@code [0, noiseSigma]}
 */
public record Augmentation(boolean symmetries, float gainJitter,
	float offsetJitter, float noiseSigma)
{

	/** Defaults for normalised EM intensities (range about 0..1). */
	public static Augmentation em() {
		return new Augmentation(true, 0.1f, 0.1f, 0.05f);
	}

	/** No augmentation: patches are used as they are. */
	public static Augmentation none() {
		return new Augmentation(false, 0, 0, 0);
	}

	/**
	 * Writes an augmented copy of the square {@code size x size} patch
	 * ({@code image}, {@code mask}) to {@code imageOut}/{@code maskOut} at
	 * {@code offset}. The random numbers drawn depend only on {@code rnd}'s
	 * state and this record, so a seeded {@code rnd} reproduces the batch.
	 */
	public void apply(final float[] image, final byte[] mask, final int size,
		final Random rnd, final float[] imageOut, final byte[] maskOut,
		final int offset)
	{
		final int sym = symmetries ? rnd.nextInt(8) : 0;
		final float gain = 1 + gainJitter * (2 * rnd.nextFloat() - 1);
		final float off = offsetJitter * (2 * rnd.nextFloat() - 1);
		final float sigma = noiseSigma * rnd.nextFloat();
		final int last = size - 1;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				// NB: source pixel of output (x, y) under symmetry sym:
				// bit 2 = transpose, bit 1 = flip y, bit 0 = flip x.
				int sx = (sym & 4) != 0 ? y : x;
				int sy = (sym & 4) != 0 ? x : y;
				if ((sym & 1) != 0) sx = last - sx;
				if ((sym & 2) != 0) sy = last - sy;
				final int src = sy * size + sx, dst = offset + y * size + x;
				float v = image[src] * gain + off;
				if (sigma > 0) v += (float) (sigma * rnd.nextGaussian());
				imageOut[dst] = v;
				maskOut[dst] = mask[src];
			}
		}
	}
}
