package io.github.twostream.loop;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TrainingSet;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;
import io.github.twostream.util.Progress;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;

/**
 * Stream A of a project: (re)training the task model on the stored labels
 * and loading the latest version. Every training run becomes a new model
 * version in the store, with its checkpoint, steps, labelled count and the
 * device actually used.
 */
public final class TaskStage {

	/** A trained model and its stored version; closing it closes the model. */
	public record Trained(TaskModel model, ModelVersion version, float loss)
		implements AutoCloseable
	{

		@Override
		public void close() {
			model.close();
		}
	}

	private TaskStage() {}

	/**
	 * Fine-tunes the latest task model (or a fresh one if there is none, or if
	 * {@code fromScratch}) for {@code steps} steps on every labelled patch, and
	 * stores the new version. The caller closes the returned model.
	 */
	public static Trained train(final ProjectSession session,
		final UNetConfig config, final int steps, final boolean fromScratch,
		final Progress progress)
	{
		BadArgumentException.atLeast("training steps", steps, 1);
		final Project project = session.project();
		final Map<Integer, byte[]> masks = new LinkedHashMap<>();
		for (final int id : project.labels().labelledIds())
			masks.put(id, project.labels().get(id).map(PatchLabel::mask)
				.orElseThrow());
		if (masks.isEmpty()) throw new UserException("The project has no labels yet",
			"label some patches first (paint them in Fiji, or 'twostream label')");
		if (config.patchSize() != session.grid().patchSize())
			throw new UserException("The model's patch size " + config.patchSize() +
				" differs from the project's " + session.grid().patchSize(),
				"use the project's patch size");
		final TrainingSet data = StreamA.trainingSet(new PoolPatches(session
			.volume(), session.grid()), masks);
		TaskModel model = fromScratch ? null : latest(project, config).orElse(null);
		if (model == null) model = new TaskModel(config);
		try {
			progress.status("Training the task model (" + steps + " steps on " + data
				.count() + " labelled patches)");
			final float loss = model.trainSteps(data, steps, progress);
			final TaskModel m = model;
			final String checkpoint = Checkpoints.write(project, "task", m::save);
			final ModelVersion v = project.models().add(ModelVersion.of(
				ModelKind.TASK, architecture(config), checkpoint, model.stepsTrained(),
				data.count(), model.device(), String.format(Locale.ROOT,
					"{\"loss\":%.6g}", loss)));
			return new Trained(model, v, loss);
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/**
	 * The latest stored task model with the same architecture as {@code config},
	 * restored; empty if there is none. The caller closes it.
	 */
	public static Optional<TaskModel> latest(final Project project,
		final UNetConfig config)
	{
		final Optional<ModelVersion> v = project.models().latest(ModelKind.TASK);
		if (v.isEmpty()) return Optional.empty();
		final TaskModel loaded = TaskModel.load(project.checkpointPath(v.get()));
		if (!loaded.config().sameArchitecture(config)) {
			loaded.close();
			return Optional.empty();
		}
		return Optional.of(loaded);
	}

	/** The latest stored task model whatever its architecture, restored. */
	public static Optional<TaskModel> latest(final Project project) {
		return project.models().latest(ModelKind.TASK).map(v -> TaskModel.load(
			project.checkpointPath(v)));
	}

	static String architecture(final UNetConfig c) {
		return String.format(Locale.ROOT,
			"{\"type\":\"unet\",\"patchSize\":%d,\"depth\":%d,\"baseFilters\":%d}", c
				.patchSize(), c.depth(), c.baseFilters());
	}
}
