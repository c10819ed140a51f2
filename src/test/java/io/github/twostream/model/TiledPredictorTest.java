package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Tiled, blended prediction of slices and streamed volumes. */
class TiledPredictorTest {

	private static TaskModel model;

	@BeforeAll
	static void train() {
		model = new TaskModel(TaskModelTest.tiny());
		final SyntheticEm d = new SyntheticEm(16, 32, 11);
		model.trainSteps(d.trainingSet(0, 16), 40, Progress.NONE);
	}

	@AfterAll
	static void close() {
		model.close();
	}

	/** A synthetic slice: one big image made of blob patches. */
	private static float[] slice(final int w, final int h, final long seed) {
		final SyntheticEm d = new SyntheticEm((w / 32) * (h / 32), 32, seed);
		final float[] s = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int p = (y / 32) * (w / 32) + x / 32;
				s[y * w + x] = d.images[p * 1024 + (y % 32) * 32 + x % 32];
			}
		return s;
	}

	@Test
	void sliceThatFitsInOneTileEqualsASingleForward() {
		final int w = 64, h = 32;
		final float[] s = slice(w, h, 1);
		final float[] direct = new float[w * h], tiled = new float[w * h];
		model.predict(s, 1, h, w, direct);
		new TiledPredictor(model, 64, 16, 4).predictSlice(s, w, h, tiled);
		assertArrayEquals(direct, tiled, 1e-5f);
	}

	@Test
	void blendedTilesHaveNoSeams() {
		final int w = 192, h = 160;
		final float[] s = slice(w, h, 2);
		final float[] full = new float[w * h], tiled = new float[w * h],
			hard = new float[w * h];
		model.predict(s, 1, h, w, full);
		final TiledPredictor tp = new TiledPredictor(model, 64, 32, 3);
		tp.predictSlice(s, w, h, tiled);
		// hard-cut tiles without overlap, for comparison
		new TiledPredictor(model, 64, 0, 3).predictSlice(s, w, h, hard);
		// pixels next to a tile border (where unblended tiles show seams)
		double seamTiled = 0, seamHard = 0, maxTiled = 0;
		int count = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x;
				maxTiled = Math.max(maxTiled, Math.abs(tiled[i] - full[i]));
				final boolean border = x % 64 == 63 || x % 64 == 0 || y % 64 == 63 ||
					y % 64 == 0;
				if (border && x > 0 && y > 0 && x < w - 1 && y < h - 1) {
					seamTiled += Math.abs(tiled[i] - full[i]);
					seamHard += Math.abs(hard[i] - full[i]);
					count++;
				}
			}
		seamTiled /= count;
		seamHard /= count;
		System.out.printf("tile-border error: blended %.2e, hard %.2e; max %.2e%n",
			seamTiled, seamHard, maxTiled);
		assertTrue(seamHard > 10 * seamTiled,
			"blending removes the tile-border error: " + seamTiled + " vs " +
				seamHard);
		assertTrue(seamTiled < 1e-3, "border error " + seamTiled);
		// NB: a few pixels inside the ramps keep a small zero-padding error
		assertTrue(maxTiled < 0.05, "max error " + maxTiled);
	}

	@Test
	void oddSizesArePaddedAndVolumesAreStreamed() {
		final int w = 70, h = 45, depth = 3;
		final float[] s0 = slice(96, 64, 3);
		final float[][] slices = new float[depth][w * h];
		for (int z = 0; z < depth; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					slices[z][y * w + x] = s0[(y + z) * 96 + x + z];
		final TiledPredictor tp = new TiledPredictor(model, 32, 8, 4);
		final List<Integer> order = new ArrayList<>();
		final float[][] got = new float[depth][];
		tp.predictVolume(w, h, depth, z -> slices[z], (z, p) -> {
			order.add(z);
			got[z] = p;
		}, Progress.NONE);
		assertEquals(List.of(0, 1, 2), order);
		for (int z = 0; z < depth; z++) {
			final float[] one = new float[w * h];
			tp.predictSlice(slices[z], w, h, one);
			assertArrayEquals(one, got[z]);
			for (final float v : got[z])
				assertTrue(v >= 0 && v <= 1 && !Float.isNaN(v));
		}
		assertThrows(UserException.class, () -> new TiledPredictor(model, 33, 8,
			4));
		assertThrows(UserException.class, () -> tp.predictSlice(new float[10], w,
			h, new float[w * h]));
	}
}
