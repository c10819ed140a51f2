package io.github.twostream.volume;

/** Helpers over native pixel arrays (byte[] unsigned, short[] unsigned, float[]). */
final class Pixels {

	private Pixels() {}

	/** The raw value of pixel {@code i}. */
	static float get(final Object pixels, final int i) {
		if (pixels instanceof byte[] b) return b[i] & 0xff;
		if (pixels instanceof short[] s) return s[i] & 0xffff;
		return ((float[]) pixels)[i];
	}

	/** Bytes taken by one pixel of this array type. */
	static int bytesPerPixel(final Object pixels) {
		if (pixels instanceof byte[]) return 1;
		if (pixels instanceof short[]) return 2;
		return 4;
	}

	/** Number of non-finite (NaN, +-Inf) values; 0 for integer types. */
	static long countNonFinite(final Object pixels) {
		if (!(pixels instanceof float[] f)) return 0;
		long n = 0;
		for (final float v : f)
			if (!Float.isFinite(v)) n++;
		return n;
	}

	/**
	 * Copies a {@code h x w} window at ({@code y0}, {@code x0}) of a slice that
	 * is {@code width} pixels wide into {@code out}, applying {@code norm} (or
	 * not, if null).
	 */
	static void copy(final Object pixels, final int width, final int y0,
		final int x0, final int h, final int w, final Normalization norm,
		final float[] out)
	{
		final double low = norm == null ? 0 : norm.low();
		final double range = norm == null ? 1 : norm.high() - norm.low();
		// NB: same formula as Normalization.apply, inlined per type for speed
		final double scale = range > 0 ? 1 / range : 1;
		int o = 0;
		if (pixels instanceof byte[] b) {
			for (int y = 0; y < h; y++) {
				final int row = (y0 + y) * width + x0;
				for (int x = 0; x < w; x++)
					out[o++] = (float) (((b[row + x] & 0xff) - low) * scale);
			}
		}
		else if (pixels instanceof short[] s) {
			for (int y = 0; y < h; y++) {
				final int row = (y0 + y) * width + x0;
				for (int x = 0; x < w; x++)
					out[o++] = (float) (((s[row + x] & 0xffff) - low) * scale);
			}
		}
		else {
			final float[] f = (float[]) pixels;
			for (int y = 0; y < h; y++) {
				final int row = (y0 + y) * width + x0;
				for (int x = 0; x < w; x++)
					out[o++] = (float) ((f[row + x] - low) * scale);
			}
		}
	}
}
