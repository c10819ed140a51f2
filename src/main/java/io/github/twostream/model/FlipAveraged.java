package io.github.twostream.model;

/**
 * Test-time flips: a {@link PixelPredictor} that predicts every image as is,
 * flipped left-right, flipped up-down and both, flips each result back and
 * averages the four probabilities. EM sections have no preferred
 * orientation, and the models train with these symmetries, so the average
 * cancels part of the orientation-dependent error (4x the forward passes).
 * <p>
 * NB: flips only (no transposes), so non-square tiles keep their shape.
 * </p>
 */
public final class FlipAveraged implements PixelPredictor {

	private static final int FLIPS = 4;

	private final PixelPredictor model;

	public FlipAveraged(final PixelPredictor model) {
		this.model = model;
	}

	@Override
	public int sizeMultiple() {
		return model.sizeMultiple();
	}

	@Override
	public int channels() {
		return model.channels();
	}

	@Override
	public void predict(final float[] images, final int n, final int h,
		final int w, final float[] probOut)
	{
		final int px = h * w, planes = n * model.channels();
		final float[] flipped = new float[planes * px], prob = new float[n * px],
			back = new float[n * px], sum = new float[n * px];
		for (int f = 0; f < FLIPS; f++) {
			final boolean fx = (f & 1) != 0, fy = (f & 2) != 0;
			// NB: every plane of every image is flipped alike
			flip(images, planes, h, w, fx, fy, flipped);
			model.predict(flipped, n, h, w, prob);
			// NB: a flip is its own inverse
			flip(prob, n, h, w, fx, fy, back);
			for (int i = 0; i < n * px; i++)
				sum[i] += back[i];
		}
		for (int i = 0; i < n * px; i++)
			probOut[i] = sum[i] / FLIPS;
	}

	/** {@code n} images of {@code src}, mirrored as asked, into {@code dst}. */
	static void flip(final float[] src, final int n, final int h, final int w,
		final boolean fx, final boolean fy, final float[] dst)
	{
		final int px = h * w;
		for (int k = 0; k < n; k++)
			for (int y = 0; y < h; y++) {
				final int sy = fy ? h - 1 - y : y;
				final int s = k * px + sy * w, d = k * px + y * w;
				if (!fx) System.arraycopy(src, s, dst, d, w);
				else for (int x = 0; x < w; x++)
					dst[d + x] = src[s + w - 1 - x];
			}
	}
}
