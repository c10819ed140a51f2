package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.UserException;

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

	@Test
	void fitRecoversTheConstantsOfExactTimings() {
		final int[] b = { 0, 40, 120, 300, 75 };
		final double[] s = new double[b.length];
		for (int i = 0; i < b.length; i++)
			s[i] = 3 + 0.08 * b[i];
		final CostModel.Fit fit = CostModel.fit(b, s);
		assertEquals(3, fit.model().base(), 1e-9);
		assertEquals(0.08, fit.model().perBoundaryPixel(), 1e-12);
		assertEquals(1, fit.r2(), 1e-12);
		assertEquals(5, fit.patches());
		assertEquals(3 + 0.08 * 75, fit.medianSeconds(), 1e-12);
	}

	@Test
	void fitKeepsBothConstantsNonNegative() {
		// slower on empty patches: the slope would be negative; a constant fits
		final CostModel.Fit flat = CostModel.fit(new int[] { 0, 100, 200 },
			new double[] { 9, 7, 5 });
		assertEquals(0, flat.model().perBoundaryPixel());
		assertEquals(7, flat.model().base(), 1e-12);
		// the line would cross zero at B > 0: fitted through the origin instead
		final CostModel.Fit origin = CostModel.fit(new int[] { 100, 200, 300 },
			new double[] { 1, 11, 21 });
		assertEquals(0, origin.model().base());
		assertEquals((100 * 1 + 200 * 11 + 300 * 21) / (1e4 + 4e4 + 9e4), origin
			.model().perBoundaryPixel(), 1e-12);
		assertTrue(origin.r2() < 1);
	}

	@Test
	void tooFewTimingsIsAUserError() {
		final UserException e = assertThrows(UserException.class, () -> CostModel
			.fit(new int[] { 1, 2 }, new double[] { 3, 4 }));
		assertTrue(e.getMessage().contains("Only 2 timed patches"), e.getMessage());
	}

	@Test
	void convertRecoversTheOutlineOfALabelledSet() {
		// an empty patch, a 3 x 3 square, a 7 x 7 square at the patch edge
		final byte[][] masks = { new byte[64], square(8, 3), square(8, 15) };
		double before = 0, after = 0;
		final CostModel fitted = new CostModel(2.5, 0.04);
		for (final byte[] m : masks) {
			before += CostModel.DEFAULT.seconds(m, 8, 8);
			after += fitted.seconds(m, 8, 8);
		}
		assertEquals(after, CostModel.DEFAULT.convert(before, 3, fitted), 1e-9);
		assertEquals(before, fitted.convert(after, 3, CostModel.DEFAULT), 1e-9);
	}

	@Test
	void parseTakesWhatCostModelPrintsAndRefusesTheRest() {
		assertEquals(new CostModel(2.5, 0.04), CostModel.parse("2.5,0.04"));
		assertEquals(new CostModel(3, 0), CostModel.parse(" 3 , 0 "));
		for (final String bad : new String[] { "2.5", "a,b", "-1,0.05", "1,2,3",
			"NaN,1" })
		{
			final UserException e = assertThrows(UserException.class,
				() -> CostModel.parse(bad));
			assertTrue(e.getMessage().contains("is not BASE,PER_PIXEL"), e
				.getMessage());
		}
	}

	/** An {@code n x n} mask with a filled {@code s x s} square at (1, 1). */
	private static byte[] square(final int n, final int s) {
		final byte[] m = new byte[n * n];
		for (int y = 1; y <= s && y < n; y++)
			for (int x = 1; x <= s && x < n; x++)
				m[y * n + x] = 1;
		return m;
	}
}
