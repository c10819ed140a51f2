package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Seeded, bounded, content-preserving EM view augmentation. */
class ViewAugmenterTest {

	private static float[] ramp(final int size) {
		final float[] p = new float[size * size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++)
				p[y * size + x] = (x + 2 * y) / (3f * size);
		return p;
	}

	@Test
	void sameSeedGivesSameViewsAndViewsDiffer() {
		final float[] patch = ramp(32);
		final float[] a = new float[2 * 24 * 24], b = new float[2 * 24 * 24];
		final ViewAugmenter ra = new ViewAugmenter(32, 24, 9);
		final ViewAugmenter rb = new ViewAugmenter(32, 24, 9);
		ra.augment(patch, a, 0);
		ra.augment(patch, a, 576);
		rb.augment(patch, b, 0);
		rb.augment(patch, b, 576);
		assertArrayEquals(a, b);
		assertFalse(Arrays.equals(Arrays.copyOfRange(a, 0, 576), Arrays
			.copyOfRange(a, 576, 1152)), "two views of one patch differ");
		for (final float v : a)
			assertTrue(Float.isFinite(v) && v > -0.6f && v < 1.6f, "value " + v);
	}

	@Test
	void resizeKeepsConstantsAndIsIdentityAtSameSize() {
		final float[] patch = ramp(16);
		final float[] same = new float[256];
		ViewAugmenter.resize(patch, 16, same, 0, 16);
		assertArrayEquals(patch, same);
		final float[] flat = new float[64 * 64];
		Arrays.fill(flat, 0.25f);
		final float[] small = new float[48 * 48 + 5];
		ViewAugmenter.resize(flat, 64, small, 5, 48);
		for (int i = 5; i < small.length; i++)
			assertEquals(0.25f, small[i], 1e-6f);
		// bilinear downscaling of a ramp stays monotone along x
		final float[] r = new float[8 * 8];
		ViewAugmenter.resize(ramp(16), 16, r, 0, 8);
		for (int x = 1; x < 8; x++)
			assertTrue(r[x] > r[x - 1]);
	}
}
