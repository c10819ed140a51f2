package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Section averaging on a real, briefly trained U-Net. */
class SectionAveragingTest {

	private static final int W = 64, H = 32, D = 5;

	/** Five different sections of synthetic EM, row-major. */
	private static float[][] volume() {
		final SyntheticEm img = new SyntheticEm(2 * D, 32, 5);
		final float[][] v = new float[D][W * H];
		for (int z = 0; z < D; z++)
			System.arraycopy(img.images, z * W * H, v[z], 0, W * H);
		return v;
	}

	@Test
	void averagesNeighbouringSectionsWithTriangularWeights() {
		try (TaskModel model = new TaskModel(TaskModelTest.tiny())) {
			final SyntheticEm d = new SyntheticEm(16, 32, 11);
			model.trainSteps(d.trainingSet(0, 16), 30, Progress.NONE);
			final float[][] v = volume();
			final TiledPredictor tiles = TiledPredictor.of(model);
			final float[][] plain = new float[D][W * H];
			for (int z = 0; z < D; z++)
				tiles.predictSlice(v[z], W, H, plain[z]);
			final SectionAveraging off = new SectionAveraging(tiles, z -> v[z], W, H,
				D, 0);
			final SectionAveraging on = new SectionAveraging(tiles, z -> v[z], W, H,
				D, 1);
			for (int z = 0; z < D; z++)
				assertArrayEquals(plain[z], off.slice(z), "radius 0 is the 2-D prediction");
			final float[] mid = on.slice(2), first = on.slice(0), last = on.slice(4);
			double change = 0;
			for (int i = 0; i < W * H; i++) {
				assertEquals((plain[1][i] + 2 * plain[2][i] + plain[3][i]) / 4, mid[i],
					1e-6f);
				// NB: at the ends the missing neighbour's weight is dropped
				assertEquals((2 * plain[0][i] + plain[1][i]) / 3, first[i], 1e-6f);
				assertEquals((plain[3][i] + 2 * plain[4][i]) / 3, last[i], 1e-6f);
				change += Math.abs(mid[i] - plain[2][i]);
			}
			assertTrue(change / (W * H) > 1e-4, "the sections differ, so the " +
				"average differs from the plain prediction: " + change / (W * H));
		}
	}

	@Test
	void inOrderReadingPredictsEverySectionOnce() {
		try (TaskModel model = new TaskModel(TaskModelTest.tiny())) {
			final float[][] v = volume();
			final CountingPredictor counting = new CountingPredictor(model);
			// NB: one tile per slice (the slice is smaller than a tile)
			final SectionAveraging on = new SectionAveraging(TiledPredictor.of(
				counting), z -> v[z], W, H, D, 1);
			for (int z = 0; z < D; z++)
				on.slice(z);
			assertEquals(D, counting.images());
			final CountingPredictor lone = new CountingPredictor(model);
			new SectionAveraging(TiledPredictor.of(lone), z -> v[z], W, H, D, 1)
				.slice(2);
			assertEquals(3, lone.images(), "a lone slice needs both neighbours");
		}
	}

	@Test
	void negativeRadiusIsOneUserError() {
		try (TaskModel model = new TaskModel(TaskModelTest.tiny())) {
			final UserException e = assertThrows(UserException.class,
				() -> new SectionAveraging(TiledPredictor.of(model), z -> new float[0],
					W, H, D, -1));
			assertTrue(e.getMessage().contains("-1"), e.getMessage());
		}
	}
}
