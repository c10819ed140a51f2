package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CostModelTest {

	@Test
	void countsTheOutlineOfTheForeground() {
		final int h = 8, w = 8;
		final byte[] empty = new byte[h * w];
		assertEquals(0, CostModel.boundaryPixels(empty, h, w));
		assertEquals(4, CostModel.DEFAULT.seconds(empty, h, w), 1e-12);
		// a 4 x 4 square: 12 outline pixels, 4 inside
		final byte[] square = new byte[h * w];
		for (int y = 2; y < 6; y++)
			for (int x = 2; x < 6; x++)
				square[y * w + x] = 1;
		assertEquals(12, CostModel.boundaryPixels(square, h, w));
		assertEquals(4 + 0.05 * 12, CostModel.DEFAULT.seconds(square, h, w),
			1e-12);
		assertEquals(16.0 / 64, CostModel.foregroundFraction(square), 1e-12);
		// all foreground: no outline inside the patch
		final byte[] full = new byte[h * w];
		java.util.Arrays.fill(full, (byte) 1);
		assertEquals(0, CostModel.boundaryPixels(full, h, w));
	}
}
