package io.github.twostream.loop;

import java.nio.file.Path;

import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.store.Project;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Tiffs;
import io.github.twostream.volume.Volume;

/** Whole-volume prediction into a 32-bit TIFF, streamed slice by slice. */
public final class Predictions {

	private Predictions() {}

	/** The project's latest task model; a clear error if there is none. */
	public static TaskModel latestModel(final Project project) {
		return TaskStage.latest(project).orElseThrow(() -> new UserException(
			"The project has no trained task model yet",
			"label some patches and train it: twostream train " + project.dir()));
	}

	/** Writes the foreground probability of every voxel of {@code volume}. */
	public static void write(final TaskModel model, final Volume volume,
		final Path out, final Progress progress)
	{
		final int w = volume.width(), h = volume.height(), d = volume.depth();
		final TiledPredictor tiles = TiledPredictor.of(model);
		progress.status("Predicting " + d + " slices");
		Tiffs.writeFloat(out, w, h, d, z -> {
			progress.checkCancelled();
			final float[] prob = new float[w * h];
			tiles.predictSlice(volume.readSlice(z, null), w, h, prob);
			progress.progress(z + 1, d);
			return prob;
		});
	}
}
