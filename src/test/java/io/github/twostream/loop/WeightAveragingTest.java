package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.github.twostream.model.Augmentation;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.model.WeightAverage;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * Weight averaging as an option of the one training recipe
 * ({@link TaskStage#fit}): real TF on the committed test data.
 */
class WeightAveragingTest {

	/** A tiny network with a constant learning rate, no context. */
	static ModelPreset tiny() {
		final UNetConfig u = UNetConfig.reference().withArchitecture(2, 8);
		return new ModelPreset("tiny", u, Augmentation.em(), 0, ModelPreset.fast(
			64).budget());
	}

	/**
	 * With a constant rate, {@code fit} with 2 snapshots over 20 steps ends at
	 * the mean of the weights after steps 15 and 20: what training in chunks
	 * and averaging by hand gives (the simulator's former loop), and not the
	 * last iterate.
	 */
	@Test
	void fitEndsAtTheMeanOfSnapshotsOverTheSecondHalf() {
		try (Volume volume = Volumes.open("test-data/train-volume.tif");
				LabelImage labels = LabelImages.open("test-data/train-labels.tif",
					volume))
		{
			final PatchGrid grid = new PatchGrid(volume.depth(), volume.height(),
				volume.width(), 64, 64);
			final Map<Integer, byte[]> masks = new TreeMap<>();
			for (final int id : new int[] { 3, 20, 41, 77, 130, 201 })
				masks.put(id, LabelTransfer.toMask(labels.readPatch(grid.get(id), null),
					64 * 64, 255));
			final ModelPreset p = tiny();
			final float[] batch = new float[64 * 64];
			volume.readPatch(grid.get(9), batch);
			final float[] averaged = new float[batch.length], byHand =
				new float[batch.length], last = new float[batch.length];
			try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
				final TaskStage.Fit fit = TaskStage.fit(m, p, volume, grid, masks,
					new TaskStage.FitOptions(20, false, 2), Progress.NONE);
				assertEquals(20, fit.steps());
				assertEquals(20, m.stepsTrained());
				m.predict(batch, 1, averaged);
			}
			try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
				// NB: fit orders the patches by the model's seed, the same every call
				final WeightAverage average = new WeightAverage(m);
				TaskStage.fit(m, p, volume, grid, masks, 10, false, Progress.NONE);
				for (int i = 0; i < 2; i++) {
					TaskStage.fit(m, p, volume, grid, masks, 5, false, Progress.NONE);
					average.add();
				}
				average.apply();
				m.predict(batch, 1, byHand);
			}
			try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
				TaskStage.fit(m, p, volume, grid, masks, 20, false, Progress.NONE);
				m.predict(batch, 1, last);
			}
			assertArrayEquals(byHand, averaged);
			assertFalse(Arrays.equals(last, averaged),
				"the averaged model is not the last iterate");
			try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
				final UserException e = assertThrows(UserException.class,
					() -> TaskStage.fit(m, p, volume, grid, masks,
						new TaskStage.FitOptions(20, false, 11), Progress.NONE));
				assertTrue(e.getMessage().contains("second half of 20 steps"), e
					.getMessage());
			}
		}
	}
}
