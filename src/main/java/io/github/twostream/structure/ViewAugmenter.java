package io.github.twostream.structure;

import java.util.SplittableRandom;

/**
 * Makes random "views" of an EM patch for contrastive training, in Java on
 * the batch (cheap next to the network, and seeded, so a seed gives the same
 * views): a random crop (35-100 % of the area, aspect 3:4 to 4:3) rescaled
 * bilinearly to the network input size, one of the 8 flips/90-degree
 * rotations, brightness/contrast jitter, a small separable Gaussian blur and
 * Gaussian noise.
 * <p>
 * NB: EM has no colour and no canonical orientation, so the dihedral group is
 * a free invariance; blur and noise mimic focus and dose differences between
 * sections. Not thread-safe: one instance per thread.
 * </p>
 */
public final class ViewAugmenter {

	private static final double MIN_AREA = 0.35, MAX_ASPECT = 4.0 / 3.0;
	private static final double P_BLUR = 0.5, P_NOISE = 0.5, P_JITTER = 0.8;

	private final int patchSize, outSize;
	private final SplittableRandom random;
	private final float[] tmp, tmp2, kernel;

	public ViewAugmenter(final int patchSize, final int outSize,
		final long seed)
	{
		this.patchSize = patchSize;
		this.outSize = outSize;
		this.random = new SplittableRandom(seed);
		this.tmp = new float[outSize * outSize];
		this.tmp2 = new float[outSize * outSize];
		this.kernel = new float[16];
	}

	/**
	 * Writes one random view of {@code patch} ({@code patchSize^2} values) to
	 * {@code out[offset .. offset + outSize^2)}.
	 */
	public void augment(final float[] patch, final float[] out,
		final int offset)
	{
		// random crop
		final double area = MIN_AREA + (1 - MIN_AREA) * random.nextDouble();
		final double logR = Math.log(MAX_ASPECT) * (2 * random.nextDouble() - 1);
		final double r = Math.exp(logR);
		final double cw = Math.min(patchSize, Math.sqrt(area * r) * patchSize);
		final double ch = Math.min(patchSize, Math.sqrt(area / r) * patchSize);
		final double x0 = (patchSize - cw) * random.nextDouble();
		final double y0 = (patchSize - ch) * random.nextDouble();
		final int dihedral = random.nextInt(8);
		sample(patch, x0, y0, cw, ch, dihedral, tmp, 0);

		if (random.nextDouble() < P_BLUR) blur(tmp, 0.3 + 0.9 * random
			.nextDouble());

		final int n = outSize * outSize;
		double mean = 0;
		for (int i = 0; i < n; i++)
			mean += tmp[i];
		mean /= n;
		float contrast = 1, brightness = 0;
		if (random.nextDouble() < P_JITTER) {
			contrast = (float) (0.75 + 0.5 * random.nextDouble());
			brightness = (float) (0.2 * random.nextDouble() - 0.1);
		}
		final double noise = random.nextDouble() < P_NOISE ? 0.04 * random
			.nextDouble() : 0;
		final float m = (float) mean;
		for (int i = 0; i < n; i++) {
			float v = (tmp[i] - m) * contrast + m + brightness;
			if (noise > 0) v += (float) (noise * gaussian());
			out[offset + i] = v;
		}
	}

	/**
	 * Rescales the whole patch bilinearly to the network input size (the
	 * deterministic "view" used for embedding).
	 */
	public static void resize(final float[] patch, final int patchSize,
		final float[] out, final int offset, final int outSize)
	{
		if (patchSize == outSize) {
			System.arraycopy(patch, 0, out, offset, outSize * outSize);
			return;
		}
		sampleStatic(patch, patchSize, outSize, 0, 0, patchSize, patchSize, 0, out,
			offset);
	}

	private void sample(final float[] src, final double x0, final double y0,
		final double cw, final double ch, final int dihedral, final float[] out,
		final int offset)
	{
		sampleStatic(src, patchSize, outSize, x0, y0, cw, ch, dihedral, out,
			offset);
	}

	/**
	 * Bilinear sampling of the crop (x0, y0, cw, ch) onto an outSize^2 grid;
	 * the output grid is first mapped through one of the 8 dihedral transforms.
	 */
	private static void sampleStatic(final float[] src, final int size,
		final int outSize, final double x0, final double y0, final double cw,
		final double ch, final int dihedral, final float[] out, final int offset)
	{
		final double sx = cw / outSize, sy = ch / outSize;
		final int last = outSize - 1;
		for (int v = 0; v < outSize; v++)
			for (int u = 0; u < outSize; u++) {
				int a = u, b = v;
				if ((dihedral & 1) != 0) a = last - a; // flip x
				if ((dihedral & 2) != 0) b = last - b; // flip y
				if ((dihedral & 4) != 0) { // transpose
					final int t = a;
					a = b;
					b = t;
				}
				double x = x0 + (a + 0.5) * sx - 0.5;
				double y = y0 + (b + 0.5) * sy - 0.5;
				x = Math.max(0, Math.min(size - 1, x));
				y = Math.max(0, Math.min(size - 1, y));
				final int ix = Math.min((int) x, size - 2 < 0 ? 0 : size - 2);
				final int iy = Math.min((int) y, size - 2 < 0 ? 0 : size - 2);
				final float fx = (float) (x - ix), fy = (float) (y - iy);
				final int p = iy * size + ix;
				final float top = src[p] + fx * (src[p + 1] - src[p]);
				final float bot = src[p + size] + fx * (src[p + size + 1] - src[p +
					size]);
				out[offset + v * outSize + u] = top + fy * (bot - top);
			}
	}

	/** Separable Gaussian blur of {@code img} (outSize^2) in place, clamped borders. */
	private void blur(final float[] img, final double sigma) {
		final int radius = Math.min(7, (int) Math.ceil(2.5 * sigma));
		float sum = 0;
		for (int k = -radius; k <= radius; k++) {
			kernel[k + radius] = (float) Math.exp(-k * k / (2 * sigma * sigma));
			sum += kernel[k + radius];
		}
		for (int k = 0; k <= 2 * radius; k++)
			kernel[k] /= sum;
		final int s = outSize;
		for (int y = 0; y < s; y++)
			for (int x = 0; x < s; x++) {
				float acc = 0;
				for (int k = -radius; k <= radius; k++) {
					final int xx = Math.max(0, Math.min(s - 1, x + k));
					acc += kernel[k + radius] * img[y * s + xx];
				}
				tmp2[y * s + x] = acc;
			}
		for (int y = 0; y < s; y++)
			for (int x = 0; x < s; x++) {
				float acc = 0;
				for (int k = -radius; k <= radius; k++) {
					final int yy = Math.max(0, Math.min(s - 1, y + k));
					acc += kernel[k + radius] * tmp2[yy * s + x];
				}
				img[y * s + x] = acc;
			}
	}

	private double spare = Double.NaN;

	/** Standard normal sample (Marsaglia polar method, cached pair). */
	private double gaussian() {
		if (!Double.isNaN(spare)) {
			final double g = spare;
			spare = Double.NaN;
			return g;
		}
		double u, v, s;
		do {
			u = 2 * random.nextDouble() - 1;
			v = 2 * random.nextDouble() - 1;
			s = u * u + v * v;
		}
		while (s >= 1 || s == 0);
		final double f = Math.sqrt(-2 * Math.log(s) / s);
		spare = v * f;
		return u * f;
	}
}
