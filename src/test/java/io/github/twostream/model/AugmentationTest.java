package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.UserException;

/** Training augmentation, in particular the elastic deformation. */
class AugmentationTest {

	private static final int S = 96;

	/** A disc of foreground in background, framed by an ignored margin. */
	private static byte[] discMask() {
		final byte[] m = new byte[S * S];
		for (int y = 0; y < S; y++)
			for (int x = 0; x < S; x++) {
				final boolean inner = x >= 16 && x < 80 && y >= 16 && y < 80;
				final double r = Math.hypot(x - 48, y - 48);
				m[y * S + x] = !inner ? TrainingSet.IGNORE : r < 20
					? TrainingSet.FOREGROUND : TrainingSet.BACKGROUND;
			}
		return m;
	}

	/** The image of a mask: 1 on foreground, 0 elsewhere. */
	private static float[] imageOf(final byte[] m) {
		final float[] a = new float[m.length];
		for (int i = 0; i < m.length; i++)
			a[i] = m[i] == TrainingSet.FOREGROUND ? 1 : 0;
		return a;
	}

	@Test
	void withoutElasticNoExtraRandomNumbersAreDrawn() {
		// NB: models trained before the elastic term must train the same way.
		final Augmentation a = new Augmentation(true, 0.1f, 0.1f, 0f, 0f);
		final Random r = new Random(7), ref = new Random(7);
		final byte[] m = discMask();
		a.apply(imageOf(m), m, S, r, new float[S * S], new byte[S * S], 0);
		ref.nextInt(8);
		ref.nextFloat();
		ref.nextFloat();
		ref.nextFloat();
		assertEquals(ref.nextLong(), r.nextLong());
	}

	@Test
	void everyPlaneOfAStackMovesAlike() {
		// plane 1 = plane 0 + 0.5: after any symmetry, gain, offset and elastic
		// deformation (no noise) the planes still differ by 0.5 times the gain,
		// and plane 0 is what the single-plane call gives from the same seed
		for (final float elastic : new float[] { 0f, 4f }) {
			final Augmentation a = new Augmentation(true, 0.1f, 0.1f, 0f, elastic);
			final byte[] m = discMask();
			final float[] one = imageOf(m), two = new float[2 * S * S];
			for (int i = 0; i < S * S; i++) {
				two[i] = one[i];
				two[S * S + i] = one[i] + 0.5f;
			}
			final float[] single = new float[S * S], stacked = new float[2 * S * S];
			final byte[] singleMask = new byte[S * S], stackedMask = new byte[S * S];
			a.apply(one, m, S, new Random(3), single, singleMask, 0);
			a.apply(two, m, S, 2, new Random(3), stacked, stackedMask, 0, 0);
			assertArrayEquals(single, Arrays.copyOf(stacked, S * S), 1e-6f);
			assertArrayEquals(singleMask, stackedMask);
			final float diff = stacked[S * S] - stacked[0];
			assertTrue(diff > 0.45f && diff < 0.55f, "gain within 10 %: " + diff);
			for (int i = 0; i < S * S; i++)
				assertEquals(diff, stacked[S * S + i] - stacked[i], 1e-5f);
		}
	}

	@Test
	void elasticMovesImageAndMaskTogetherAndKeepsLabels() {
		final Augmentation a = new Augmentation(true, 0, 0, 0, 4f);
		final byte[] m = discMask();
		final float[] img = imageOf(m);
		final float[] outImg = new float[2 * S * S];
		final byte[] outMask = new byte[2 * S * S];
		a.apply(img, m, S, new Random(3), outImg, outMask, S * S);
		int changed = 0, agree = 0, fg = 0;
		for (int i = 0; i < S * S; i++) {
			final byte v = outMask[S * S + i];
			assertTrue(v == TrainingSet.FOREGROUND || v == TrainingSet.BACKGROUND ||
				v == TrainingSet.IGNORE, "labels stay labels");
			final float p = outImg[S * S + i];
			assertTrue(p >= 0 && p <= 1, "bilinear resampling does not overshoot");
			if ((v == TrainingSet.FOREGROUND) == (p >= 0.5f)) agree++;
			if (v != m[i]) changed++;
			if (v == TrainingSet.FOREGROUND) fg++;
		}
		assertEquals(0, outMask[0], "nothing written before the offset");
		assertTrue(agree > 0.98 * S * S, "image and mask share the field: " +
			agree);
		// NB: the disc is symmetric, so only the deformation changes the mask.
		assertTrue(changed > 50, "the shape is deformed: " + changed);
		assertTrue(changed < 0.15 * S * S, "smoothly, not scrambled: " + changed);
		final int disc = count(m, TrainingSet.FOREGROUND);
		assertTrue(Math.abs(fg - disc) < 0.3 * disc, "the area roughly kept: " +
			fg + " vs " + disc);
	}

	@Test
	void elasticFieldIsSmoothAndOfTheRequestedSize() {
		final Augmentation a = Augmentation.em().withElastic(4f);
		double sumSq = 0, maxStep = 0;
		final int draws = 50;
		for (int k = 0; k < draws; k++) {
			final float[][] f = a.displacements(S, new Random(k));
			for (int y = 0; y < S; y++)
				for (int x = 0; x < S; x++) {
					final int i = y * S + x;
					sumSq += f[0][i] * f[0][i];
					if (x > 0) maxStep = Math.max(maxStep, Math.abs(f[0][i] - f[0][i -
						1]));
				}
		}
		final double rms = Math.sqrt(sumSq / (draws * S * S));
		// NB: bilinear interpolation between independent control points lowers
		// the mean square below sigma^2 (to 4/9 of it in the middle of a cell).
		assertTrue(rms > 2 && rms < 4.5, "rms displacement " + rms);
		assertTrue(maxStep < 1, "neighbouring pixels move alike: " + maxStep);
	}

	@Test
	void elasticIsReproducibleFromTheSeed() {
		final Augmentation a = Augmentation.em().withElastic(4f);
		final byte[] m = discMask();
		final float[] img = imageOf(m);
		final float[] x1 = new float[S * S], x2 = new float[S * S], x3 =
			new float[S * S];
		final byte[] m1 = new byte[S * S], m2 = new byte[S * S], m3 =
			new byte[S * S];
		a.apply(img, m, S, new Random(5), x1, m1, 0);
		a.apply(img, m, S, new Random(5), x2, m2, 0);
		a.apply(img, m, S, new Random(6), x3, m3, 0);
		assertArrayEquals(x1, x2);
		assertArrayEquals(m1, m2);
		assertFalse(Arrays.equals(m1, m3));
	}

	@Test
	void checkpointsWrittenBeforeTheElasticTermReadAsNone() {
		// NB: model.json of older versions has no elasticSigma.
		final Augmentation a = new com.google.gson.Gson().fromJson(
			"{\"symmetries\":true,\"gainJitter\":0.1,\"offsetJitter\":0.1,\"noiseSigma\":0.05}",
			Augmentation.class);
		assertEquals(Augmentation.em(), a);
	}

	@Test
	void negativeElasticIsRejected() {
		final UserException e = assertThrows(UserException.class, () -> Augmentation
			.em().withElastic(-1f));
		assertTrue(e.getMessage().contains("elastic"), e.getMessage());
	}

	private static int count(final byte[] m, final byte v) {
		int n = 0;
		for (final byte b : m)
			if (b == v) n++;
		return n;
	}
}
