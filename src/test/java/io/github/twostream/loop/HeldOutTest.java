package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.twostream.model.Calibration;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.PixelPredictor;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TrainingSet;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * The held-out patches of a fit, calibrated on the way a prediction is made:
 * in one pass (the fit's own threshold) and averaged over sections.
 */
class HeldOutTest {

	private static final int MARGIN = 8, W = 64 + 2 * MARGIN;

	/** The sigmoid of each pixel: a real, cheap predictor of the image. */
	private static final PixelPredictor SIGMOID = new PixelPredictor() {

		@Override
		public int sizeMultiple() {
			return 1;
		}

		@Override
		public void predict(final float[] images, final int n, final int h,
			final int w, final float[] probOut)
		{
			for (int i = 0; i < n * h * w; i++)
				probOut[i] = (float) (1 / (1 + Math.exp(-images[i])));
		}
	};

	private static PatchGrid grid(final Volume v) {
		return new PatchGrid(v.depth(), v.height(), v.width(), 64, 64);
	}

	/** The ground truth of patch {@code id}, mitochondria (255) as foreground. */
	private static byte[] mask(final LabelImage labels, final PatchGrid grid,
		final int id)
	{
		return LabelTransfer.toMask(labels.readPatch(grid.get(id), null), 64 * 64,
			255);
	}

	/**
	 * Each window is the 1-2-1 mean of its section's and its neighbours'
	 * predictions, renormalised at the ends of the stack (what
	 * {@code SectionAveraging} does to a slice), whatever the batching: checked
	 * against the windows predicted one by one.
	 */
	@Test
	void sectionAveragingWeighsTheNeighboursAndStopsAtTheStackEnds() {
		try (Volume v = Volumes.open(ActiveLearningLoopTest.TRAIN);
				LabelImage labels = LabelImages.open("test-data/train-labels.tif", v))
		{
			final PatchGrid grid = grid(v);
			final Map<Integer, byte[]> masks = new LinkedHashMap<>();
			// NB: two patches of the first and of the last section, two inside
			for (final int z : new int[] { 0, v.depth() / 2, v.depth() - 1 }) {
				int taken = 0;
				for (int i = 0; i < grid.size() && taken < 2; i++)
					if (grid.get(i).z() == z) {
						masks.put(i, mask(labels, grid, i));
						taken++;
					}
			}
			assertEquals(6, masks.size());
			final HeldOut heldOut = new HeldOut(v, grid, masks, MARGIN, 0);
			final Calibration expected = new Calibration();
			final float[] prob = new float[W * W];
			for (final Map.Entry<Integer, byte[]> e : masks.entrySet()) {
				final Patch p = grid.get(e.getKey());
				final float[] mean = new float[W * W];
				float total = 0;
				for (int dz = -1; dz <= 1; dz++) {
					if (p.z() + dz < 0 || p.z() + dz >= v.depth()) continue;
					final float wt = dz == 0 ? 2 : 1;
					SIGMOID.predict(ContextWindows.image(v, p.atSection(p.z() + dz),
						MARGIN), 1, W, W, prob);
					for (int i = 0; i < mean.length; i++)
						mean[i] += wt * prob[i];
					total += wt;
				}
				for (int i = 0; i < mean.length; i++)
					mean[i] /= total;
				expected.add(mean, 0, ContextWindows.mask(e.getValue(), 64, 64,
					MARGIN));
			}
			final Calibration averaged = heldOut.calibrate(SIGMOID, 1), alone =
				heldOut.calibrate(SIGMOID, 0);
			assertTrue(averaged.foregroundPixels() > 0);
			assertEquals(expected.foregroundPixels(), averaged.foregroundPixels());
			assertEquals(expected.backgroundPixels(), averaged.backgroundPixels());
			boolean differs = false;
			for (int k = 1; k < 20; k++) {
				assertEquals(expected.iou(k * 0.05), averaged.iou(k * 0.05), 1e-12,
					"threshold " + k * 0.05);
				differs |= alone.iou(k * 0.05) != averaged.iou(k * 0.05);
			}
			assertTrue(differs, "averaging over the sections changes the histograms");
		}
	}

	/**
	 * A real fit holds out a tenth of the patches and its threshold is the one
	 * calibrated on their one-pass predictions, window by window, for the
	 * foreground share of a seeded sample of unlabelled patches.
	 */
	@Test
	void theFitsThresholdIsCalibratedOnItsHeldOutPatchesInOnePass() {
		try (Volume v = Volumes.open(ActiveLearningLoopTest.TRAIN);
				LabelImage labels = LabelImages.open("test-data/train-labels.tif", v))
		{
			final PatchGrid grid = grid(v);
			final Map<Integer, byte[]> masks = new LinkedHashMap<>();
			for (int i = 0; i < grid.size() && masks.size() < 30; i += 7)
				masks.put(i, mask(labels, grid, i));
			final ModelPreset p = WeightAveragingTest.tiny();
			try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
				final TaskStage.Fit fit = TaskStage.fit(m, p, v, grid, masks, 20, false,
					Progress.NONE);
				final HeldOut heldOut = fit.heldOut().orElseThrow();
				assertEquals(3, heldOut.size());
				assertEquals(3, fit.heldOutPatches());
				final Calibration byHand = new Calibration();
				final float[] prob = new float[64 * 64];
				for (final int id : heldOut.ids()) {
					assertTrue(masks.containsKey(id));
					m.predict(ContextWindows.image(v, grid.get(id), 0, 0), 1, 64, 64,
						prob);
					byHand.add(prob, 0, masks.get(id));
				}
				// the unlabelled sample: seeded, none of the labelled patches
				final List<Integer> sample = heldOut.unlabelled();
				assertEquals(Math.min(TaskStage.UNLABELLED_SAMPLE, grid.size() - masks
					.size()), sample.size());
				assertEquals(sample, TaskStage.unlabelledSample(grid, masks.keySet(),
					TaskStage.UNLABELLED_SAMPLE, p.unet().seed()));
				for (final int id : sample) {
					assertTrue(!masks.containsKey(id));
					m.predict(ContextWindows.image(v, grid.get(id), 0, 0), 1, 64, 64,
						prob);
					byHand.addUnlabelled(prob, 0, new byte[64 * 64]);
				}
				final Calibration cal = fit.calibration().orElseThrow();
				assertEquals(byHand.foregroundPixels(), cal.foregroundPixels());
				assertEquals(64L * 64 * sample.size(), cal.unlabelledPixels());
				assertEquals(byHand.prevalence().isPresent(), cal.prevalence()
					.isPresent());
				assertEquals(cal.prevalence().isPresent(), fit.metricsJson("tiny")
					.contains("\"volumeForeground\":"));
				for (int k = 1; k < 20; k++)
					assertEquals(byHand.iou(k * 0.05), cal.iou(k * 0.05), 1e-3,
						"threshold " + k * 0.05);
				assertEquals(byHand.best(), fit.threshold());
				assertEquals(m.threshold(), fit.threshold());
				assertNotEquals(0, heldOut.calibrate(m, 1).backgroundPixels());
			}
		}
	}

	/**
	 * The unlabelled sample: distinct, never a labelled patch, the same for the
	 * same seed, and all the free patches when there are few.
	 */
	@Test
	void theUnlabelledSampleIsSeededDistinctAndFree() {
		try (Volume v = Volumes.open(ActiveLearningLoopTest.TRAIN)) {
			final PatchGrid grid = grid(v);
			final Set<Integer> labelled = new HashSet<>();
			for (int i = 0; i < grid.size(); i += 3)
				labelled.add(i);
			final int free = grid.size() - labelled.size();
			for (final int n : new int[] { 5, free / 2 - 1, free / 2 + 1, free,
				free + 10 })
			{
				final List<Integer> a = TaskStage.unlabelledSample(grid, labelled, n,
					7);
				assertEquals(Math.min(n, free), a.size(), "n = " + n);
				assertEquals(a.size(), new HashSet<>(a).size(), "distinct");
				for (final int id : a)
					assertTrue(id >= 0 && id < grid.size() && !labelled.contains(id));
				assertEquals(a, TaskStage.unlabelledSample(grid, labelled, n, 7));
				if (n < free) assertNotEquals(a, TaskStage.unlabelledSample(grid,
					labelled, n, 8), "another seed, another sample");
			}
		}
	}

	/**
	 * A model version's metrics record the volume's foreground share the
	 * threshold was chosen for, when one was estimated.
	 */
	@Test
	void theMetricsRecordTheVolumesForegroundShareWhenEstimated() {
		final Calibration cal = new Calibration();
		final float[] p = new float[4000];
		final byte[] mask = new byte[4000];
		for (int i = 0; i < 4000; i++) {
			p[i] = i < 2000 ? 0.9f : 0.1f;
			mask[i] = i < 2000 ? TrainingSet.FOREGROUND : TrainingSet.BACKGROUND;
		}
		cal.add(p, 0, mask);
		final TaskStage.Fit without = new TaskStage.Fit(0.5f, 100, 18, 2, cal.best(),
			cal.iou(cal.best()), Optional.of(cal), Optional.empty());
		assertTrue(!without.metricsJson("fast").contains("volumeForeground"));
		// a volume with 1000 of 5000 pixels above 0.5: a share of 0.2
		final float[] u = new float[5000];
		for (int i = 0; i < 1000; i++)
			u[i] = 0.9f;
		cal.addUnlabelled(u, 0, new byte[5000]);
		final TaskStage.Fit with = new TaskStage.Fit(0.5f, 100, 18, 2, cal.best(),
			cal.iou(cal.best()), Optional.of(cal), Optional.empty());
		assertTrue(with.metricsJson("fast").contains("\"volumeForeground\":0.2000"),
			with.metricsJson("fast"));
	}
}
