package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.Progress;

/** Test-time flips on a real, briefly trained U-Net. */
class FlipAveragedTest {

	@Test
	void flipsAreTheirOwnInverse() {
		final int n = 2, h = 3, w = 4;
		final float[] a = new float[n * h * w], b = new float[a.length],
			c = new float[a.length];
		for (int i = 0; i < a.length; i++)
			a[i] = i;
		FlipAveraged.flip(a, n, h, w, true, false, b);
		assertArrayEquals(new float[] { 3, 2, 1, 0 }, java.util.Arrays.copyOf(b,
			4));
		FlipAveraged.flip(a, n, h, w, true, true, b);
		assertTrue(b[0] == 11 && b[12] == 23, "each image flipped on its own");
		FlipAveraged.flip(b, n, h, w, true, true, c);
		assertArrayEquals(a, c);
	}

	@Test
	void averagedPredictionIsFlipEquivariant() {
		try (TaskModel model = new TaskModel(TaskModelTest.tiny())) {
			final SyntheticEm d = new SyntheticEm(16, 32, 11);
			model.trainSteps(d.trainingSet(0, 16), 30, Progress.NONE);
			final int n = 2, h = 32, w = 64, px = h * w;
			final SyntheticEm img = new SyntheticEm(4 * n, 32, 5);
			final float[] x = new float[n * px];
			for (int i = 0; i < x.length; i++)
				x[i] = img.images[i];
			final FlipAveraged tta = new FlipAveraged(model);
			final float[] plain = new float[n * px], p = new float[n * px],
				flipped = new float[n * px], pf = new float[n * px], back =
					new float[n * px];
			model.predict(x, n, h, w, plain);
			tta.predict(x, n, h, w, p);
			FlipAveraged.flip(x, n, h, w, true, false, flipped);
			tta.predict(flipped, n, h, w, pf);
			FlipAveraged.flip(pf, n, h, w, true, false, back);
			// NB: the four flips form a group, so flipping the input only
			// permutes the four passes: the average follows the flip exactly
			assertArrayEquals(p, back, 1e-5f);
			double diff = 0;
			for (int i = 0; i < p.length; i++)
				diff += Math.abs(p[i] - plain[i]);
			assertTrue(diff / p.length > 1e-4, "the plain U-Net is not flip " +
				"equivariant, so the average differs from it: " + diff / p.length);
		}
	}
}
