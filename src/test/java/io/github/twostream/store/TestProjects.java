package io.github.twostream.store;

import java.util.Random;

/** Small synthetic projects and masks for the store tests (no image file needed). */
final class TestProjects {

	private TestProjects() {}

	/** A 256 x 256 x 2, 8-bit image: 4 x 4 x 2 = 32 patches of 64 x 64. */
	static ImageRef image() {
		return new ImageRef("/data/em/synthetic.tif", "fp-1234", 256, 256, 2, 8);
	}

	static GridSpec grid() {
		return new GridSpec(64, 64);
	}

	/** A random dense mask (0/1 blobs) of n pixels. */
	static byte[] dense(final Random rnd, final int n) {
		final byte[] m = new byte[n];
		for (int i = 0; i < n; i++)
			m[i] = rnd.nextInt(4) == 0 ? Masks.FOREGROUND : Masks.BACKGROUND;
		return m;
	}

	/** A random scribble (mostly IGNORE, some 0 and 1) of n pixels. */
	static byte[] scribble(final Random rnd, final int n) {
		final byte[] m = new byte[n];
		for (int i = 0; i < n; i++) {
			final int r = rnd.nextInt(10);
			m[i] = r == 0 ? Masks.FOREGROUND : r == 1 ? Masks.BACKGROUND : Masks.IGNORE;
		}
		return m;
	}
}
