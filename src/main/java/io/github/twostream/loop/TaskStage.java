package io.github.twostream.loop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import io.github.twostream.model.Calibration;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TrainingSet;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.model.WeightAverage;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;
import io.github.twostream.util.Progress;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;

/**
 * Stream A of a project: (re)training the task model on the stored labels
 * and loading the latest version. Every training run becomes a new model
 * version in the store, with its checkpoint, steps, labelled count, the
 * device actually used and, in its metrics JSON, the preset, the calibrated
 * threshold and the held-out figures.
 * <p>
 * {@link #fit} is the one training recipe, shared by {@link #train} (CLI,
 * Fiji, demo) and the simulator: context windows, a budget of steps chosen
 * from the number of labelled patches, and a threshold calibrated on held-out
 * labelled patches.
 * </p>
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

	/**
	 * What one {@link #fit} did.
	 *
	 * @param loss loss of the last step
	 * @param steps steps run
	 * @param trainPatches patches trained on
	 * @param heldOutPatches labelled patches held out for the threshold
	 * @param threshold the calibrated threshold (0.5 if nothing to calibrate on)
	 * @param heldOutIoU foreground IoU on the held-out pixels at the threshold
	 *          (NaN without held-out foreground)
	 * @param calibration the held-out pixels' histograms (empty if none were
	 *          held out), to ask for other threshold ranges
	 * @param heldOut the held-out patches (empty if none), to calibrate other
	 *          ways of predicting
	 */
	public record Fit(float loss, int steps, int trainPatches, int heldOutPatches,
		float threshold, double heldOutIoU, Optional<Calibration> calibration,
		Optional<HeldOut> heldOut)
	{

		/**
		 * JSON for {@link ModelVersion#metrics()}; with the volume's estimated
		 * foreground share the threshold was chosen for, when there is one.
		 */
		public String metricsJson(final String preset) {
			final StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
				"{\"loss\":%.6g,\"preset\":\"%s\",\"threshold\":%.3f,\"steps\":%d,\"trainPatches\":%d,\"heldOutPatches\":%d",
				loss, preset, threshold, steps, trainPatches, heldOutPatches));
			if (!Double.isNaN(heldOutIoU)) json.append(String.format(Locale.ROOT,
				",\"heldOutForegroundIoU\":%.4f", heldOutIoU));
			final OptionalDouble pi = calibration.map(Calibration::prevalence)
				.orElse(OptionalDouble.empty());
			if (pi.isPresent()) json.append(String.format(Locale.ROOT,
				",\"volumeForeground\":%.4f", pi.getAsDouble()));
			return json.append('}').toString();
		}
	}

	/**
	 * How long one {@link #fit} trains and which weights it ends at.
	 *
	 * @param steps Adam steps; {@code <= 0}: the preset's budget
	 * @param fineTune whether the model continues earlier weights (with
	 *          {@code steps <= 0}: the fine-tuning budget)
	 * @param averaging 0: the model ends at the last iterate (the default of
	 *          the user's loop); N: at the mean of N weight snapshots taken
	 *          evenly over the second half of the steps (Polyak / SWA,
	 *          {@link WeightAverage}); at most half the steps
	 */
	public record FitOptions(int steps, boolean fineTune, int averaging) {

		public FitOptions {
			BadArgumentException.atLeast("weight snapshots", averaging, 0);
		}
	}

	/** Fewest labelled patches from which some are held out for calibration. */
	static final int MIN_PATCHES_TO_HOLD_OUT = 10;

	/**
	 * Unlabelled pool patches (seeded) predicted after a fit for the volume's
	 * foreground share the threshold is calibrated for ({@link Calibration}).
	 */
	static final int UNLABELLED_SAMPLE = 256;

	private TaskStage() {}

	/**
	 * Fine-tunes the latest task model of the preset's architecture (or a fresh
	 * one if there is none, or if {@code fromScratch}) on every labelled patch,
	 * and stores the new version. {@code steps <= 0} chooses them from the
	 * preset's budget. The caller closes the returned model.
	 */
	public static Trained train(final ProjectSession session,
		final ModelPreset preset, final int steps, final boolean fromScratch,
		final Progress progress)
	{
		// NB: 0 = the preset's budget
		BadArgumentException.atLeast("training steps", steps, 0);
		final Project project = session.project();
		final Map<Integer, byte[]> masks = new LinkedHashMap<>();
		for (final int id : project.labels().labelledIds())
			masks.put(id, project.labels().get(id).map(PatchLabel::mask)
				.orElseThrow());
		if (masks.isEmpty()) throw new UserException("The project has no labels yet",
			"label some patches first (paint them in Fiji, or 'twostream label')");
		final UNetConfig config = preset.unet();
		if (config.patchSize() != session.grid().patchSize())
			throw new UserException("The model's patch size " + config.patchSize() +
				" differs from the project's " + session.grid().patchSize(),
				"use the project's patch size");
		TaskModel model = fromScratch ? null : latest(project, config).orElse(null);
		final boolean fineTune = model != null;
		if (model == null) model = new TaskModel(config, preset.augmentation());
		try {
			final Fit fit = fit(model, preset, session.volume(), session.grid(), masks,
				new FitOptions(steps, fineTune, 0), progress);
			final TaskModel m = model;
			final String checkpoint = Checkpoints.write(project, "task", m::save);
			final ModelVersion v = project.models().add(ModelVersion.of(
				ModelKind.TASK, architecture(model.config()), checkpoint, model
					.stepsTrained(), masks.size(), model.device(), fit.metricsJson(preset
						.name())));
			return new Trained(model, v, fit.loss());
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/**
	 * Trains {@code model} on the labelled patches {@code masks} (pool id ->
	 * mask of {@code grid}) of {@code volume}, in windows with the preset's
	 * context margin. From {@value #MIN_PATCHES_TO_HOLD_OUT} patches on, a
	 * tenth (seeded) is held out and the model's threshold is calibrated on
	 * them, for the foreground share of {@value #UNLABELLED_SAMPLE} unlabelled
	 * patches (seeded; {@link Calibration}). {@code steps <= 0}: the preset's budget for
	 * the patches trained on ({@code fineTune}: the fine-tuning budget).
	 */
	public static Fit fit(final TaskModel model, final ModelPreset preset,
		final Volume volume, final PatchGrid grid, final Map<Integer, byte[]> masks,
		final int steps, final boolean fineTune, final Progress progress)
	{
		return fit(model, preset, volume, grid, masks, new FitOptions(steps,
			fineTune, 0), progress);
	}

	/**
	 * {@link #fit(TaskModel, ModelPreset, Volume, PatchGrid, Map, int, boolean, Progress)}
	 * with {@code options}' steps and weight averaging.
	 */
	public static Fit fit(final TaskModel model, final ModelPreset preset,
		final Volume volume, final PatchGrid grid, final Map<Integer, byte[]> masks,
		final FitOptions options, final Progress progress)
	{
		final List<Integer> ids = new ArrayList<>(masks.keySet());
		Collections.shuffle(ids, new Random(model.config().seed() ^ 0x5eedL));
		final int held = ids.size() < MIN_PATCHES_TO_HOLD_OUT ? 0 : Math.max(1, ids
			.size() / 10);
		final Map<Integer, byte[]> train = new LinkedHashMap<>(), test =
			new LinkedHashMap<>();
		for (int i = 0; i < ids.size(); i++)
			(i < held ? test : train).put(ids.get(i), masks.get(ids.get(i)));
		final int margin = preset.contextMargin(), sections = model.config()
			.inputSections();
		final TrainingSet data = ContextWindows.trainingSet(volume, grid, train,
			margin, sections);
		final int n = options.steps() > 0 ? options.steps() : preset.budget().steps(
			data.count(), options.fineTune());
		final int a = options.averaging();
		if (a > n / 2) throw new UserException(a +
			" weight snapshots do not fit into the second half of " + n + " steps",
			"average at most " + n / 2 + " snapshots, or train longer");
		progress.status("Training the task model (" + n + " steps on " + data
			.count() + " labelled patches, preset " + preset.name() + (a > 0
				? ", mean of " + a + " weight snapshots" : "") + ")");
		final float loss = trainSteps(model, data, n, a, progress);
		float threshold = 0.5f;
		double iou = Double.NaN;
		Calibration cal = null;
		HeldOut heldOut = null;
		if (!test.isEmpty()) {
			// NB: like any prediction, this pass advances TF's stateful dropout
			// RNG, so MC-dropout passes right after a fit depend on it
			heldOut = new HeldOut(volume, grid, test, unlabelledSample(grid, masks
				.keySet(), UNLABELLED_SAMPLE, model.config().seed()), margin,
				sections);
			cal = heldOut.calibrate(model, 0);
			threshold = cal.best();
			if (cal.foregroundPixels() > 0) iou = cal.iou(threshold);
		}
		model.setThreshold(threshold);
		return new Fit(loss, n, data.count(), held, threshold, iou, Optional
			.ofNullable(cal), Optional.ofNullable(heldOut));
	}

	/**
	 * Up to {@code n} distinct pool ids of {@code grid} not in {@code labelled},
	 * drawn with a seeded generator (all of them if there are no more than
	 * {@code n}).
	 */
	static List<Integer> unlabelledSample(final PatchGrid grid,
		final Set<Integer> labelled, final int n, final long seed)
	{
		final Random random = new Random(seed ^ 0x0dd5a3e1L);
		if (grid.size() - labelled.size() < 2 * n) {
			final List<Integer> free = new ArrayList<>();
			for (int i = 0; i < grid.size(); i++)
				if (!labelled.contains(i)) free.add(i);
			Collections.shuffle(free, random);
			return new ArrayList<>(free.subList(0, Math.min(n, free.size())));
		}
		// NB: most ids are free here, so drawing until n distinct ones is quick
		// and never lists a large volume's grid
		final Set<Integer> drawn = new LinkedHashSet<>();
		while (drawn.size() < n) {
			final int id = random.nextInt(grid.size());
			if (!labelled.contains(id)) drawn.add(id);
		}
		return new ArrayList<>(drawn);
	}

	/**
	 * {@code n} steps; with {@code a > 0} snapshots, the second half of the
	 * steps is cut into {@code a} chunks, the weights are snapshotted after
	 * each and the model ends at their mean. NB: one {@code trainSteps} call,
	 * so the preset's learning-rate schedule runs once over all {@code n}
	 * steps. Returns the loss of the last step (of the last iterate).
	 */
	private static float trainSteps(final TaskModel model, final TrainingSet data,
		final int n, final int a, final Progress progress)
	{
		if (a == 0) return model.trainSteps(data, n, progress);
		final int chunk = n / 2 / a, start = n - a * chunk;
		final WeightAverage average = new WeightAverage(model);
		final float loss = model.trainSteps(data, n, progress, done -> {
			if (done > start && (done - start) % chunk == 0) average.add();
		});
		average.apply();
		return loss;
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
			"{\"type\":\"unet\",\"patchSize\":%d,\"depth\":%d,\"baseFilters\":%d,\"normGroups\":%d,\"inputSections\":%d}",
			c.patchSize(), c.depth(), c.baseFilters(), c.normGroups(), c
				.inputSections());
	}
}
