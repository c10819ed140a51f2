package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The issue-12 recipe on real TF: group norm + BCE/Dice + warm-up/cosine +
 * foreground-balanced sampling learns, the schedule has its shape, presets
 * and budgets, the threshold calibration and its persistence.
 */
class TrainingRecipeTest {

	@TempDir
	Path dir;

	@Test
	void groupNormDiceRecipeLearnsSyntheticBlobs() {
		final SyntheticEm d = new SyntheticEm(40, 64, 3);
		final TrainingSet t = d.trainingSet(0, 32);
		final UNetConfig c = new UNetConfig(64, 2, 8, 0.9f, 1e-2f, 8, 0.5f, 5L, 4,
			1f, true, 0.5f, 0);
		try (TaskModel m = new TaskModel(c)) {
			// group norm adds a scale and an offset per channel of every conv
			try (TaskModel plain = new TaskModel(c.withRecipe(0, 1f, true, 0.5f))) {
				assertEquals(plain.parameterCount() + 2 * (8 + 8 + 16 + 16 + 8 + 8), m
					.parameterCount());
			}
			final float first = m.trainSteps(t, 1, Progress.NONE);
			m.reset();
			final float last = m.trainSteps(t, 120, Progress.NONE);
			assertTrue(last < first, "loss decreases: " + first + " -> " + last);
			final int px = 64 * 64;
			final float[] prob = new float[8 * px];
			m.predict(Arrays.copyOfRange(d.images, 32 * px, 40 * px), 8, prob);
			final double iou = SyntheticEm.iou(prob, d.masks, 32, 40, px);
			assertTrue(iou > 0.8, "held-out IoU " + iou);
		}
	}

	@Test
	void warmUpThenCosineSchedule() {
		final UNetConfig c = new UNetConfig(32, 2, 4, 1f, 1e-3f, 2, 0.5f, 1L, 0, 0f,
			true, 0f, 0);
		try (TaskModel m = new TaskModel(c)) {
			assertEquals(1e-3f / 5, m.learningRate(0, 100), 1e-9); // warm-up 5 steps
			assertEquals(1e-3f, m.learningRate(4, 100), 1e-9);
			assertEquals(1e-3f * (0.05 + 0.95 * 0.5), m.learningRate(52, 100), 2e-5);
			assertEquals(0.05e-3f, m.learningRate(99, 100), 1e-9);
			for (int s = 5; s < 99; s++)
				assertTrue(m.learningRate(s + 1, 100) <= m.learningRate(s, 100));
		}
		try (TaskModel m = new TaskModel(c.withRecipe(0, 0f, false, 0f))) {
			assertEquals(1e-3f, m.learningRate(0, 100), 0);
			assertEquals(1e-3f, m.learningRate(99, 100), 0);
		}
	}

	@Test
	void presetsAndBudgets() {
		final ModelPreset fast = ModelPreset.named("FAST", 64);
		assertEquals(ModelPreset.FAST, fast.name());
		assertEquals(0, fast.windowSize() % fast.unet().sizeMultiple());
		assertTrue(fast.windowSize() > 64, "trains with context");
		assertThrows(UserException.class, () -> ModelPreset.named("huge", 64));
		final TrainingBudget b = new TrainingBudget(2, 300, 1500, 0.3, 60, 150);
		assertEquals(300, b.steps(20, false));
		assertEquals(400, b.steps(200, false));
		assertEquals(1500, b.steps(10000, false));
		assertEquals(120, b.steps(200, true));
		assertEquals(90, b.steps(20, true));
		assertEquals(150, b.steps(500, true), "a retrain round stays short");
	}

	@Test
	void calibrationPicksTheBestThreshold() {
		// foreground at p = 0.37..0.99, background at 0..0.34: only t in (0.34,
		// 0.37] separates them, so the grid's best is 0.35 with IoU 1
		final int n = 2000;
		final Calibration cal = new Calibration();
		final float[] p = new float[2 * n];
		final byte[] mask = new byte[2 * n];
		separable(0.37f, 0.34f, p, mask);
		mask[0] = TrainingSet.IGNORE; // ignored pixels do not count
		cal.add(p, 0, mask);
		assertEquals(n - 1, cal.foregroundPixels());
		assertEquals(0.35f, cal.best(), 1e-6);
		assertEquals(1.0, cal.iou(0.35), 1e-12);
		assertTrue(cal.iou(0.5) < 0.8);
		assertEquals(0.5f, new Calibration().best(), 0, "nothing to calibrate on");
		// too few pixels: stay at 0.5
		final Calibration few = new Calibration();
		few.add(p, n - 500, java.util.Arrays.copyOfRange(mask, n - 500, n + 500));
		assertEquals(0.5f, few.best(), 0);
	}

	@Test
	void calibrationRangeEndsWhereAsked() {
		// foreground at p = 0.87..0.99, background at 0..0.84: the best
		// threshold, 0.85, lies above the default range, which stops at its top
		final Calibration cal = new Calibration();
		final float[] p = new float[4000];
		final byte[] mask = new byte[4000];
		separable(0.87f, 0.84f, p, mask);
		cal.add(p, 0, mask);
		assertEquals((float) Calibration.HIGHEST, cal.best(), 1e-6);
		assertEquals(0.85f, cal.best(0.9), 1e-6);
		assertEquals(1.0, cal.iou(0.85), 1e-12);
		assertTrue(cal.iou(Calibration.HIGHEST) < 1.0);
	}

	/**
	 * Held-out pixels picked for their foreground (3 in 7) set the threshold
	 * for a foreground-rich volume; unlabelled pixels of a volume with 12 %
	 * foreground (the same class-wise probabilities) move it to the one best
	 * there. Held out: foreground 2000 at p 0.8 and 1000 at 0.4, background
	 * 3000 at 0.2 and 1000 at 0.6, so TPR(0.5) = 2/3 and FPR(0.5) = 1/4; at the
	 * held-out share the best of 0.30-0.70 are 0.30-0.40 (IoU 3/4, tie: 0.40),
	 * at 12 % foreground 0.65-0.70 (IoU 2/3 against 0.12 / 0.34 at 0.40).
	 */
	@Test
	void calibrationChoosesForTheVolumesForegroundShare() {
		final Calibration cal = new Calibration();
		held(cal, 2000, 0.8f, TrainingSet.FOREGROUND);
		held(cal, 1000, 0.4f, TrainingSet.FOREGROUND);
		held(cal, 3000, 0.2f, TrainingSet.BACKGROUND);
		held(cal, 1000, 0.6f, TrainingSet.BACKGROUND);
		assertTrue(cal.prevalence().isEmpty(), "no unlabelled pixels yet");
		assertEquals(0.40f, cal.best(), 1e-6);
		final double own = 3000.0 / 7000;
		for (int k = 1; k < 20; k++)
			assertEquals(cal.iou(k * 0.05), cal.iou(k * 0.05, own), 1e-12,
				"at the held-out share the expected IoU is the plain one");
		// the volume: 1200 foreground, 8800 background, class-wise as held out
		unlabelled(cal, 800, 0.8f);
		unlabelled(cal, 400, 0.4f);
		unlabelled(cal, 6600, 0.2f);
		unlabelled(cal, 2200, 0.6f);
		assertEquals(10000, cal.unlabelledPixels());
		assertEquals(0.12, cal.prevalence().orElseThrow(), 1e-9);
		assertEquals(0.65f, cal.best(), 1e-6);
		assertEquals(2.0 / 3, cal.iou(0.65, 0.12), 1e-9);
		assertEquals(0.12 / 0.34, cal.iou(0.40, 0.12), 1e-9);
		// the held-out IoU itself does not change
		assertEquals(0.75, cal.iou(0.40), 1e-12);
	}

	/**
	 * The share is not estimated from held-out pixels that barely separate
	 * the classes (it divides by TPR - FPR), nor from too few unlabelled
	 * pixels; the held-out share is used then, as before.
	 */
	@Test
	void calibrationKeepsTheHeldOutShareWhenTheEstimateIsUnsafe() {
		final Calibration weak = new Calibration();
		held(weak, 2000, 0.6f, TrainingSet.FOREGROUND);
		held(weak, 2000, 0.4f, TrainingSet.FOREGROUND);
		held(weak, 2000, 0.55f, TrainingSet.BACKGROUND);
		held(weak, 3000, 0.2f, TrainingSet.BACKGROUND);
		unlabelled(weak, 5000, 0.2f);
		// TPR(0.5) = 0.5, FPR(0.5) = 0.4
		assertTrue(weak.prevalence().isEmpty());
		final Calibration few = new Calibration();
		held(few, 2000, 0.8f, TrainingSet.FOREGROUND);
		held(few, 2000, 0.2f, TrainingSet.BACKGROUND);
		unlabelled(few, Calibration.MIN_PIXELS - 1, 0.2f);
		assertTrue(few.prevalence().isEmpty());
		unlabelled(few, 1, 0.2f);
		assertEquals(Calibration.PREVALENCE_BOUND, few.prevalence().orElseThrow(),
			1e-12, "no unlabelled pixel above 0.5: the share's lower bound");
	}

	/** Adds {@code n} held-out pixels labelled {@code label} at {@code p}. */
	private static void held(final Calibration cal, final int n, final float p,
		final byte label)
	{
		final float[] prob = new float[n];
		Arrays.fill(prob, p);
		final byte[] mask = new byte[n];
		Arrays.fill(mask, label);
		cal.add(prob, 0, mask);
	}

	/** Adds {@code n} unlabelled pixels at {@code p} (a region of zeros counts). */
	private static void unlabelled(final Calibration cal, final int n,
		final float p)
	{
		final float[] prob = new float[n];
		Arrays.fill(prob, p);
		cal.addUnlabelled(prob, 0, new byte[n]);
	}

	/**
	 * Half foreground with probabilities evenly over {@code fgFrom}..0.99, half
	 * background over 0..{@code bgTo}.
	 */
	private static void separable(final float fgFrom, final float bgTo,
		final float[] p, final byte[] mask)
	{
		final int n = p.length / 2;
		for (int i = 0; i < n; i++) {
			p[i] = fgFrom + (0.99f - fgFrom) * i / (n - 1);
			mask[i] = TrainingSet.FOREGROUND;
			p[n + i] = bgTo * i / (n - 1);
			mask[n + i] = TrainingSet.BACKGROUND;
		}
	}

	@Test
	void thresholdIsSavedWithTheCheckpoint() {
		final UNetConfig c = new UNetConfig(32, 2, 4, 1f, 1e-3f, 2, 0.5f, 1L, 2, 1f,
			true, 0.5f, 0);
		try (TaskModel m = new TaskModel(c)) {
			m.trainSteps(new SyntheticEm(4, 32, 2).trainingSet(0, 4), 2,
				Progress.NONE);
			m.setThreshold(0.35f);
			m.save(dir.resolve("ckpt"));
		}
		try (TaskModel back = TaskModel.load(dir.resolve("ckpt"))) {
			assertEquals(0.35f, back.threshold(), 0);
			assertEquals(c, back.config());
		}
	}
}
