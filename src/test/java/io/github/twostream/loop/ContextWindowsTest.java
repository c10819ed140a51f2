package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.twostream.model.TrainingSet;
import io.github.twostream.structure.PatchSources;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/** Context windows: real image around the patch, mirrored at borders, labels only in the centre. */
class ContextWindowsTest {

	@Test
	void windowsHoldTheRealContextAndOnlyThePatchLabels() {
		try (Volume v = Volumes.open(ActiveLearningLoopTest.TRAIN)) {
			final PatchGrid grid = new PatchGrid(v.depth(), v.height(), v.width(), 64,
				64);
			final int m = 16, w = 64 + 2 * m;
			final float[] slice = v.readSlice(0, null);
			// patch 0 sits in the top-left corner: its window mirrors
			final Patch corner = grid.get(0);
			assertEquals(0, corner.x());
			final float[] win = ContextWindows.image(v, corner, m);
			for (int y = 0; y < w; y++)
				for (int x = 0; x < w; x++)
					assertEquals(slice[Math.abs(y - m) * v.width() + Math.abs(x - m)],
						win[y * w + x], 0, "pixel " + x + "," + y);
			// an inner patch: the window is the plain crop
			Patch inner = null;
			for (int i = 0; i < grid.size() && inner == null; i++) {
				final Patch p = grid.get(i);
				if (p.z() == 0 && p.x() >= m && p.y() >= m && p.x() + 64 + m <= v
					.width() && p.y() + 64 + m <= v.height()) inner = p;
			}
			final float[] in = ContextWindows.image(v, inner, m);
			for (int y = 0; y < w; y++)
				for (int x = 0; x < w; x++)
					assertEquals(slice[(inner.y() - m + y) * v.width() + inner.x() - m +
						x], in[y * w + x], 0);
			final byte[] mask = new byte[64 * 64];
			mask[0] = TrainingSet.FOREGROUND;
			final Map<Integer, byte[]> masks = new LinkedHashMap<>();
			masks.put(inner.id(), mask);
			final TrainingSet t = ContextWindows.trainingSet(v, grid, masks, m, 0);
			assertEquals(w, t.size());
			assertEquals(1, t.foregroundPixels());
			assertEquals(64 * 64 - 1, t.backgroundPixels(), "margin is ignored");
			assertEquals(TrainingSet.FOREGROUND, t.mask(0)[m * w + m]);
			assertEquals(TrainingSet.IGNORE, t.mask(0)[0]);
		}
	}

	@Test
	void stacksOfWindowsAndPoolPatchesHoldTheNeighbouringSections() {
		try (Volume v = Volumes.open(ActiveLearningLoopTest.TRAIN)) {
			final PatchGrid grid = new PatchGrid(v.depth(), v.height(), v.width(), 64,
				64);
			final int m = 8, w = 64 + 2 * m, px = w * w;
			final Patch first = grid.get(0);
			assertEquals(0, first.z());
			final float[] stack = ContextWindows.image(v, first, m, 1);
			assertEquals(3 * px, stack.length);
			final float[] below = ContextWindows.image(v, new Patch(0, 1, first.y(),
				first.x(), 64, 64), m);
			final float[] itself = ContextWindows.image(v, first, m);
			// section -1 mirrors to section 1
			assertArrayEquals(below, Arrays.copyOfRange(stack, 0, px));
			assertArrayEquals(itself, Arrays.copyOfRange(stack, px, 2 * px));
			assertArrayEquals(below, Arrays.copyOfRange(stack, 2 * px, 3 * px));
			final Map<Integer, byte[]> masks = new LinkedHashMap<>();
			masks.put(0, new byte[64 * 64]);
			final TrainingSet t = ContextWindows.trainingSet(v, grid, masks, m, 1);
			assertEquals(3, t.channels());
			assertArrayEquals(stack, t.image(0));

			// the pool as a 2.5-D model scores it
			final PoolPatches pool = new PoolPatches(v, grid);
			assertSame(pool, pool.withSections(0));
			final int id = grid.size() - 1;
			final float[] got = new float[3 * 64 * 64];
			pool.withSections(1).read(id, got);
			assertArrayEquals(ContextWindows.image(v, grid.get(id), 0, 1), got);
			final float[] sub = new float[3 * 64 * 64];
			PatchSources.subset(pool, new int[] { id }).withSections(1).read(0, sub);
			assertArrayEquals(got, sub);
		}
	}
}
