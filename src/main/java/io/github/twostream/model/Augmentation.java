package io.github.twostream.model;

import java.util.Random;

import io.github.twostream.util.UserException;

/**
 * Training-time augmentation for EM patches: the 8 symmetries of the square
 * (random flips and 90-degree rotations, applied to image and mask alike),
 * intensity jitter {@code v * gain + offset} and additive Gaussian noise
 * (image only), and optionally an elastic deformation. EM has no preferred
 * orientation, so all 8 symmetries are valid; the intensity terms mimic
 * contrast and exposure differences between sections; the elastic term mimics
 * the shape variation of membranes and organelles (Simard et al. 2003, as in
 * the U-Net paper: random displacements on a coarse grid of control points,
 * interpolated to a smooth field).
 *
 * @param symmetries apply a random flip/rotation
 * @param gainJitter gain drawn uniformly from {@code 1 +- gainJitter}
 * @param offsetJitter offset drawn uniformly from {@code +- offsetJitter}
 *          (normalised intensity units)
 * @param noiseSigma standard deviation of the Gaussian noise; each patch draws
 *          its sigma uniformly from {@code [0, noiseSigma]}
 * @param elasticSigma standard deviation, in pixels, of the displacement of
 *          each control point of the elastic deformation (control points every
 *          {@value #ELASTIC_SPACING} pixels, bilinear between them; the image
 *          is resampled bilinearly, the mask by nearest neighbour so labels
 *          stay labels); 0: none, and no random numbers are drawn for it
 */
public record Augmentation(boolean symmetries, float gainJitter,
	float offsetJitter, float noiseSigma, float elasticSigma)
{

	/** Pixels between the control points of the elastic deformation. */
	public static final int ELASTIC_SPACING = 32;

	public Augmentation {
		if (!(elasticSigma >= 0)) throw new UserException(
			"elastic sigma " + elasticSigma + " is not a number >= 0",
			"use 0 (no elastic deformation) or a few pixels, e.g. 4");
	}

	/** Defaults for normalised EM intensities (range about 0..1). */
	public static Augmentation em() {
		return new Augmentation(true, 0.1f, 0.1f, 0.05f, 0f);
	}

	/** No augmentation: patches are used as they are. */
	public static Augmentation none() {
		return new Augmentation(false, 0, 0, 0, 0);
	}

	/** These settings with another elastic deformation strength (pixels). */
	public Augmentation withElastic(final float sigma) {
		return new Augmentation(symmetries, gainJitter, offsetJitter, noiseSigma,
			sigma);
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
		apply(image, mask, size, 1, rnd, imageOut, maskOut, offset, offset);
	}

	/**
	 * {@link #apply(float[], byte[], int, Random, float[], byte[], int)} for an
	 * image of {@code channels} planes (2.5-D input): every plane gets the same
	 * geometry, gain and offset, the noise is drawn per value; the planes go
	 * to {@code imageOut} from {@code imageOffset}, the mask to
	 * {@code maskOut} at {@code maskOffset}. With one channel the random
	 * numbers drawn are those of the single-plane call.
	 */
	public void apply(final float[] image, final byte[] mask, final int size,
		final int channels, final Random rnd, final float[] imageOut,
		final byte[] maskOut, final int imageOffset, final int maskOffset)
	{
		final int sym = symmetries ? rnd.nextInt(8) : 0;
		final float gain = 1 + gainJitter * (2 * rnd.nextFloat() - 1);
		final float off = offsetJitter * (2 * rnd.nextFloat() - 1);
		final float sigma = noiseSigma * rnd.nextFloat();
		final float[][] field = elasticSigma > 0 ? displacements(size, rnd) : null;
		final int last = size - 1, px = size * size;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				// NB: source pixel of output (x, y) under symmetry sym:
				// bit 2 = transpose, bit 1 = flip y, bit 0 = flip x.
				int sx = (sym & 4) != 0 ? y : x;
				int sy = (sym & 4) != 0 ? x : y;
				if ((sym & 1) != 0) sx = last - sx;
				if ((sym & 2) != 0) sy = last - sy;
				final int dst = y * size + x;
				float fx = sx, fy = sy;
				if (field == null) maskOut[maskOffset + dst] = mask[sy * size + sx];
				else {
					// NB: the mask takes the nearest source pixel, so labels (IGNORE
					// included) stay labels.
					final int i = sy * size + sx;
					fx = clamp(sx + field[0][i], last);
					fy = clamp(sy + field[1][i], last);
					maskOut[maskOffset + dst] = mask[Math.round(fy) * size + Math.round(
						fx)];
				}
				for (int c = 0; c < channels; c++) {
					float v = field == null ? image[c * px + sy * size + sx] : bilinear(
						image, c * px, size, fx, fy);
					v = v * gain + off;
					if (sigma > 0) v += (float) (sigma * rnd.nextGaussian());
					imageOut[imageOffset + c * px + dst] = v;
				}
			}
		}
	}

	/**
	 * A smooth random displacement field (x, then y, per pixel of a
	 * {@code size x size} patch): Gaussian displacements of standard deviation
	 * {@link #elasticSigma} at control points every {@value #ELASTIC_SPACING}
	 * pixels (including both borders), interpolated bilinearly.
	 */
	float[][] displacements(final int size, final Random rnd) {
		final int n = Math.max(1, (size - 1 + ELASTIC_SPACING - 1) /
			ELASTIC_SPACING) + 1;
		final float[][] cx = new float[n][n], cy = new float[n][n];
		for (int j = 0; j < n; j++)
			for (int i = 0; i < n; i++) {
				cx[j][i] = (float) (elasticSigma * rnd.nextGaussian());
				cy[j][i] = (float) (elasticSigma * rnd.nextGaussian());
			}
		final float scale = (n - 1) / (float) Math.max(1, size - 1);
		final float[][] f = new float[2][size * size];
		for (int y = 0; y < size; y++) {
			final float gy = y * scale;
			final int j0 = Math.min(n - 2, (int) gy);
			final float ty = gy - j0;
			for (int x = 0; x < size; x++) {
				final float gx = x * scale;
				final int i0 = Math.min(n - 2, (int) gx);
				final float tx = gx - i0;
				f[0][y * size + x] = lerp2(cx, i0, j0, tx, ty);
				f[1][y * size + x] = lerp2(cy, i0, j0, tx, ty);
			}
		}
		return f;
	}

	private static float lerp2(final float[][] c, final int i, final int j,
		final float tx, final float ty)
	{
		return (1 - ty) * ((1 - tx) * c[j][i] + tx * c[j][i + 1]) + ty * ((1 -
			tx) * c[j + 1][i] + tx * c[j + 1][i + 1]);
	}

	private static float clamp(final float v, final int last) {
		return v < 0 ? 0 : v > last ? last : v;
	}

	private static float bilinear(final float[] image, final int plane,
		final int size, final float x, final float y)
	{
		final int x0 = Math.min(size - 2, (int) x), y0 = Math.min(size - 2,
			(int) y);
		final float tx = x - x0, ty = y - y0;
		final int i = plane + y0 * size + x0;
		return (1 - ty) * ((1 - tx) * image[i] + tx * image[i + 1]) + ty * ((1 -
			tx) * image[i + size] + tx * image[i + size + 1]);
	}
}
