package io.github.twostream.annotation;

import java.util.Map;
import java.util.Optional;

import io.github.twostream.loop.ContextWindows;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.SectionStack;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;
import io.github.twostream.util.LruMap;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.Volume;

/**
 * The latest task model's predictions for the annotator: one patch (prefill)
 * or one slice (prediction overlay, pixel entropy heatmap). The model is
 * loaded on first use and reloaded when a newer version is stored; slice
 * predictions are cached per model version.
 * <p>
 * NB: call from one worker thread (never the UI thread: a slice takes up to
 * seconds on a CPU).
 * </p>
 */
final class ModelPredictions implements AutoCloseable {

	/** Slices kept per model version. */
	private static final int CACHED_SLICES = 8;

	private final Project project;
	private final Volume volume;
	private TaskModel model;
	private long versionId = -1;
	private final Map<Integer, float[]> slices = new LruMap<>(CACHED_SLICES);

	ModelPredictions(final Project project, final Volume volume) {
		this.project = project;
		this.volume = volume;
	}

	/** The latest task model, (re)loaded if needed; empty before any training. */
	synchronized Optional<TaskModel> model() {
		final Optional<ModelVersion> v = project.models().latest(ModelKind.TASK);
		if (v.isEmpty()) return Optional.empty();
		if (v.get().id() != versionId) {
			close();
			model = TaskStage.latest(project).orElseThrow();
			versionId = v.get().id();
		}
		return Optional.of(model);
	}

	/** Foreground probability of the patch's pixels (row-major). */
	synchronized Optional<float[]> patch(final Patch p) {
		return model().map(m -> {
			final float[] image = ContextWindows.image(volume, p, 0, m.config()
				.inputSections());
			final float[] prob = new float[p.w() * p.h()];
			TiledPredictor.of(m).predictSlice(image, p.w(), p.h(), prob);
			return prob;
		});
	}

	/** Foreground probability of every pixel of slice z. */
	synchronized Optional<float[]> slice(final int z) {
		final Optional<TaskModel> m = model();
		if (m.isEmpty()) return Optional.empty();
		return Optional.of(slices.computeIfAbsent(z, k -> {
			final float[] prob = new float[volume.width() * volume.height()];
			TiledPredictor.of(m.get()).predictSlice(SectionStack.stack(s -> volume
				.readSlice(s, null), z, volume.depth(), m.get().config().inputSections(),
				prob.length), volume.width(), volume.height(), prob);
			return prob;
		}));
	}

	/** Binary entropy in bits (0 certain, 1 at p = 0.5) of each probability. */
	static float[] entropy(final float[] prob) {
		final float[] h = new float[prob.length];
		for (int i = 0; i < prob.length; i++) {
			final double p = Math.min(1 - 1e-7, Math.max(1e-7, prob[i]));
			h[i] = (float) (-(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math
				.log(2));
		}
		return h;
	}

	@Override
	public synchronized void close() {
		if (model != null) model.close();
		model = null;
		versionId = -1;
		slices.clear();
	}
}
