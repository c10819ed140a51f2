package io.github.twostream.simulation;

import java.util.List;
import java.util.Locale;

import io.github.twostream.model.Augmentation;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;

/**
 * Compute settings of a simulation (how much training and scoring per
 * round), separate from {@link SimulationConfig} (what is compared). Every
 * round trains with the one recipe of the user's loop,
 * {@link io.github.twostream.loop.TaskStage#fit}, with the
 * {@link #modelPreset(int) preset} named here: what differs from a user's
 * round is these stated settings, not code.
 *
 * @param trainSteps Adam steps per round; each round fine-tunes the previous
 *          round's weights; 0 = the preset's budget (its fine-tuning budget
 *          for rounds after 0), as {@code twostream train}
 * @param referenceSteps Adam steps of the full-supervision reference model
 * @param referencePatches labelled patches of the reference (0 = the whole
 *          pool; else a seeded random subset)
 * @param poolSample unlabelled candidates scored and selected from per round
 *          (a seeded random subset; 0 = all unlabelled patches)
 * @param evalSlices test slices evaluated, evenly spread (0 = all)
 * @param encoderEpochs contrastive encoder epochs (stream B, trained once)
 * @param mcPasses MC-dropout passes for BALD, used only by strategies that
 *          read BALD (see
 *          {@link io.github.twostream.acquisition.AcquisitionStrategy#needsBald()})
 * @param unetDepth U-Net levels of the {@value #QUIET} preset
 * @param unetBaseFilters U-Net filters of the first level of the
 *          {@value #QUIET} preset
 * @param averaging weight averaging per round (and of the reference): the
 *          model evaluated and kept is the mean of this many weight snapshots
 *          taken evenly over the second half of the round's steps
 *          ({@link io.github.twostream.loop.TaskStage.FitOptions}); 0 = off
 *          (the last iterate, as the user's loop)
 * @param runId salts every training and strategy seed (not the initial
 *          sets): two runs that differ only in the run id measure the noise
 *          floor of the training; 0 = the seeds as before
 * @param preset the task model's preset: {@value #QUIET} (the measured
 *          simulation protocol, see {@link #modelPreset(int)}) or a preset of
 *          the user's loop ({@code fast}, {@code accurate}: its network,
 *          context and budget exactly)
 */
public record SimulationTuning(int trainSteps, int referenceSteps,
	int referencePatches, int poolSample, int evalSlices, int encoderEpochs,
	int mcPasses, int unetDepth, int unetBaseFilters, int averaging, long runId,
	String preset)
{

	/**
	 * The simulation's own preset: the small network whose protocol was
	 * measured (docs/notes/sim.md), no context, the {@code fast} budget.
	 */
	public static final String QUIET = "quiet";

	/** The presets a simulation can train with. */
	public static final List<String> PRESETS = List.of(QUIET, ModelPreset.FAST,
		ModelPreset.ACCURATE);

	/** The {@value #QUIET} preset, without weight averaging, run id 0. */
	public SimulationTuning(final int trainSteps, final int referenceSteps,
		final int referencePatches, final int poolSample, final int evalSlices,
		final int encoderEpochs, final int mcPasses, final int unetDepth,
		final int unetBaseFilters)
	{
		this(trainSteps, referenceSteps, referencePatches, poolSample, evalSlices,
			encoderEpochs, mcPasses, unetDepth, unetBaseFilters, 0, 0, QUIET);
	}

	public SimulationTuning {
		nonNegative(trainSteps, "--train-steps"); // NB: 0 = the preset's budget
		positive(referenceSteps, "--reference-steps");
		nonNegative(referencePatches, "--reference-patches");
		nonNegative(poolSample, "--pool-sample");
		nonNegative(evalSlices, "--eval-slices");
		positive(encoderEpochs, "--encoder-epochs");
		nonNegative(mcPasses, "--mc-passes");
		nonNegative(averaging, "--average");
		// NB: with the budget (0) TaskStage.fit checks against the steps it chooses
		if (trainSteps > 0) fits(averaging, trainSteps, "");
		fits(averaging, referenceSteps, "reference ");
		nonNegative(runId, "--run-id");
		preset = preset == null ? QUIET : preset.toLowerCase(Locale.ROOT);
		if (!PRESETS.contains(preset)) throw new BadArgumentException(
			"unknown model preset '" + preset + "'", "use one of " + String.join(
				", ", PRESETS));
	}

	/**
	 * Defaults (the quiet protocol, sim.md): the {@value #QUIET} preset (depth
	 * 3, 16 filters), 100 steps per round whose model is the mean of 5 weight
	 * snapshots over the last 50 steps, 2000 reference steps on the whole
	 * pool, 10 encoder epochs, 8 MC passes, all candidates scored, 10 test
	 * slices evenly spread. Quick: depth 2 with 8 filters,
	 * 40 steps per round, 300 reference steps on at most 512 patches, 1 encoder
	 * epoch, 4 MC passes, 4 test slices (a smoke run of a minute or two).
	 */
	public static SimulationTuning defaults(final boolean quick) {
		return quick ? new SimulationTuning(40, 300, 512, 0, 4, 1, 4, 2, 8, 0, 0,
			QUIET) : new SimulationTuning(100, 2000, 0, 0, 10, 10, 8, 3, 16, 5, 0,
				QUIET);
	}

	/**
	 * Defaults for {@code preset}: {@link #defaults(boolean)}; with a preset
	 * of the user's loop (not quick), its budget and no averaging, so the
	 * simulated rounds train exactly as a user's.
	 */
	public static SimulationTuning defaults(final boolean quick,
		final String preset)
	{
		final SimulationTuning d = defaults(quick).withPreset(preset);
		return quick || QUIET.equals(d.preset()) ? d : d.withTrainSteps(0)
			.withAveraging(0);
	}

	/**
	 * The task model's preset of every round (its seed is set per round).
	 * {@value #QUIET}: the reference U-Net's recipe (BCE, constant Adam rate
	 * 1e-3, batch 16, no normalisation) at {@code unetDepth} x
	 * {@code unetBaseFilters}, EM augmentation, no context margin, the
	 * {@code fast} budget (used with {@code trainSteps} 0).
	 */
	public ModelPreset modelPreset(final int patchSize) {
		if (!QUIET.equals(preset)) return ModelPreset.named(preset, patchSize);
		final UNetConfig u = UNetConfig.reference().withArchitecture(unetDepth,
			unetBaseFilters).withPatchSize(patchSize);
		return new ModelPreset(QUIET, u, Augmentation.em(), 0, ModelPreset.fast(
			patchSize).budget());
	}

	/** The same settings with weight averaging over {@code n} snapshots. */
	public SimulationTuning withAveraging(final int n) {
		return new SimulationTuning(trainSteps, referenceSteps, referencePatches,
			poolSample, evalSlices, encoderEpochs, mcPasses, unetDepth,
			unetBaseFilters, n, runId, preset);
	}

	/** The same settings with {@code steps} per round (0 = the budget). */
	public SimulationTuning withTrainSteps(final int steps) {
		return new SimulationTuning(steps, referenceSteps, referencePatches,
			poolSample, evalSlices, encoderEpochs, mcPasses, unetDepth,
			unetBaseFilters, averaging, runId, preset);
	}

	/** The same settings with another preset. */
	public SimulationTuning withPreset(final String name) {
		return new SimulationTuning(trainSteps, referenceSteps, referencePatches,
			poolSample, evalSlices, encoderEpochs, mcPasses, unetDepth,
			unetBaseFilters, averaging, runId, name);
	}

	private static void fits(final int averaging, final int steps,
		final String what)
	{
		if (averaging > steps / 2) throw new UserException("--average " +
			averaging + " snapshots do not fit into the second half of " + steps +
			" " + what + "steps", "use at most " + steps / 2);
	}

	private static void positive(final int v, final String option) {
		if (v < 1) throw new UserException(option + " " + v + " is not positive",
			"use 1 or more");
	}

	private static void nonNegative(final long v, final String option) {
		if (v < 0) throw new UserException(option + " " + v + " is negative",
			"use 0 or more");
	}
}
