package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.model.tf.Tensors;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * 2.5-D input: the slice and its neighbouring sections as channels. The
 * layout of the stacks, the interleaving for the tensor, and a network that
 * can only solve its task by reading the neighbouring section.
 */
class SectionInputTest {

	@TempDir
	Path tmp;

	@Test
	void stacksHoldTheNeighboursInOrderMirroredAtTheEnds() {
		final List<Integer> reads = new ArrayList<>();
		final SliceSource plain = z -> {
			reads.add(z);
			final float[] s = new float[4];
			Arrays.fill(s, z);
			return s;
		};
		assertSame(plain, SectionStack.of(plain, 4, 3, 0), "2-D: the plain slices");
		final SliceSource stacks = SectionStack.of(plain, 4, 3, 1);
		assertArrayEquals(new float[] { 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1 }, stacks
			.slice(0), "below the first section the stack is mirrored");
		assertArrayEquals(new float[] { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2 }, stacks
			.slice(1));
		assertArrayEquals(new float[] { 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1 }, stacks
			.slice(2));
		assertEquals(List.of(1, 0, 2), reads, "in-order reading reads each slice once");
		assertEquals(2, SectionStack.section(0, 0, 5, 2), "two below the first is the third");
		assertEquals(0, SectionStack.section(0, 2, 1, 1), "a single section stacks itself");
	}

	@Test
	void planarChannelsAreInterleavedForTheTensor() {
		// two images of 2 channels x 3 pixels: a0 a1 a2 | b0 b1 b2 per image
		final float[] planar = { 1, 2, 3, 10, 20, 30, 4, 5, 6, 40, 50, 60 };
		final float[] nhwc = new float[planar.length];
		Tensors.channelsLast(planar, 0, 2, 2, 3, nhwc);
		assertArrayEquals(new float[] { 1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60 },
			nhwc);
	}

	@Test
	void theNetworkReadsTheNeighbouringSection() {
		// the blobs are only in plane 2 (section z + 1); the slice itself and
		// section z - 1 are noise: only a network fed all planes, in order, can
		// segment them
		final int s = 64, px = s * s, n = 40;
		final SyntheticEm d = new SyntheticEm(n, s, 3);
		final Random r = new Random(4);
		final float[] stacks = new float[n * 3 * px];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < 2 * px; j++)
				stacks[i * 3 * px + j] = 0.5f + 0.2f * (float) r.nextGaussian();
			System.arraycopy(d.images, i * px, stacks, i * 3 * px + 2 * px, px);
		}
		final TrainingSet t = new TrainingSet(s, 3);
		for (int i = 0; i < 32; i++)
			t.add(Arrays.copyOfRange(stacks, i * 3 * px, (i + 1) * 3 * px), d.mask(i));
		final UNetConfig c = new UNetConfig(s, 2, 8, 0.9f, 1e-2f, 8, 0.5f, 5L)
			.withInputSections(1);
		try (TaskModel m = new TaskModel(c)) {
			assertEquals(3, m.channels());
			m.trainSteps(t, 150, Progress.NONE);
			final float[] held = Arrays.copyOfRange(stacks, 32 * 3 * px, n * 3 * px);
			final float[] prob = new float[8 * px];
			m.predict(held, 8, s, s, prob);
			final double iou = SyntheticEm.iou(prob, d.masks, 32, n, px);
			// the same through flips and tiles: every plane moves alike
			final float[] flipped = new float[8 * px];
			new FlipAveraged(m).predict(held, 8, s, s, flipped);
			final double flipIou = SyntheticEm.iou(flipped, d.masks, 32, n, px);
			final float[] tiled = new float[px];
			new TiledPredictor(m, 32, 16, 2).predictSlice(Arrays.copyOfRange(held, 0,
				3 * px), s, s, tiled);
			final double tiledIou = SyntheticEm.iou(tiled, d.masks, 32, 33, px);
			System.out.printf(
				"2.5-D input, blobs in the neighbouring section only: held-out IoU %.3f, with flips %.3f, tiled %.3f%n",
				iou, flipIou, tiledIou);
			assertTrue(iou > 0.8, "held-out IoU " + iou);
			assertTrue(flipIou > 0.8, "with flips " + flipIou);
			assertTrue(tiledIou > 0.7, "tiled " + tiledIou);

			// a checkpoint restores the 2.5-D network; a 2-D one is refused
			final Path dir = tmp.resolve("ckpt");
			m.save(dir);
			try (TaskModel back = TaskModel.load(dir)) {
				assertEquals(1, back.config().inputSections());
				final float[] again = new float[8 * px];
				back.predict(held, 8, s, s, again);
				assertArrayEquals(prob, again);
			}
			final UserException e = assertThrows(UserException.class, () -> TaskModel
				.load(dir, c.withInputSections(0)));
			assertTrue(e.getMessage().contains("3 input sections"), e.getMessage());
		}
	}

	@Test
	void aSingleSectionModelFedAStackIsAUserError() {
		try (TaskModel m = new TaskModel(TaskModelTest.tiny())) {
			final UserException e = assertThrows(UserException.class, () -> m
				.trainSteps(new TrainingSet(32, 3).add(new float[3 * 1024],
					new byte[1024]), 1, Progress.NONE));
			assertTrue(e.getMessage().contains("3 image planes"), e.getMessage());
		}
		assertThrows(UserException.class, () -> TaskModelTest.tiny()
			.withInputSections(UNetConfig.MAX_INPUT_SECTIONS + 1));
	}
}
