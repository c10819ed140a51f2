package io.github.twostream.simulation;

import io.github.twostream.util.UserException;

/**
 * Compute settings of a simulation (how much training and scoring per
 * round), separate from {@link SimulationConfig} (what is compared).
 *
 * @param trainSteps Adam steps per round; each round fine-tunes the previous
 *          round's weights
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
 * @param unetDepth U-Net levels
 * @param unetBaseFilters U-Net filters of the first level
 * @param averaging weight averaging per round: the model evaluated and kept
 *          is the mean of this many weight snapshots taken evenly over the
 *          second half of the round's steps ({@link
 *          io.github.twostream.model.WeightAverage}); 0 = off (the last
 *          iterate)
 * @param runId salts every training and strategy seed (not the initial
 *          sets): two runs that differ only in the run id measure the noise
 *          floor of the training; 0 = the seeds as before
 */
public record SimulationTuning(int trainSteps, int referenceSteps,
	int referencePatches, int poolSample, int evalSlices, int encoderEpochs,
	int mcPasses, int unetDepth, int unetBaseFilters, int averaging, long runId)
{

	/** Without weight averaging, run id 0. */
	public SimulationTuning(final int trainSteps, final int referenceSteps,
		final int referencePatches, final int poolSample, final int evalSlices,
		final int encoderEpochs, final int mcPasses, final int unetDepth,
		final int unetBaseFilters)
	{
		this(trainSteps, referenceSteps, referencePatches, poolSample, evalSlices,
			encoderEpochs, mcPasses, unetDepth, unetBaseFilters, 0, 0);
	}

	public SimulationTuning {
		positive(trainSteps, "--train-steps");
		positive(referenceSteps, "--reference-steps");
		nonNegative(referencePatches, "--reference-patches");
		nonNegative(poolSample, "--pool-sample");
		nonNegative(evalSlices, "--eval-slices");
		positive(encoderEpochs, "--encoder-epochs");
		nonNegative(mcPasses, "--mc-passes");
		nonNegative(averaging, "--average");
		if (averaging > trainSteps / 2) throw new UserException("--average " +
			averaging + " snapshots do not fit into the second half of " +
			trainSteps + " steps", "use at most " + trainSteps / 2);
		nonNegative(runId, "--run-id");
	}

	/**
	 * Defaults (the quiet protocol, sim.md): the reference U-Net (depth 3, 16
	 * filters), 100 steps per round whose model is the mean of 5 weight
	 * snapshots over the last 50 steps, 2000 reference steps on the whole
	 * pool, 10 encoder epochs, 8 MC passes, all candidates scored, 10 test
	 * slices evenly spread. Quick: depth 2 with 8 filters,
	 * 40 steps per round, 300 reference steps on at most 512 patches, 1 encoder
	 * epoch, 4 MC passes, 4 test slices (a smoke run of a minute or two).
	 */
	public static SimulationTuning defaults(final boolean quick) {
		return quick ? new SimulationTuning(40, 300, 512, 0, 4, 1, 4, 2, 8, 0, 0)
			: new SimulationTuning(100, 2000, 0, 0, 10, 10, 8, 3, 16, 5, 0);
	}

	private static void positive(final int v, final String option) {
		if (v < 1) throw new UserException(option + " " + v + " is not positive",
			"use 1 or more");
	}

	/** The same settings with weight averaging over {@code n} snapshots. */
	public SimulationTuning withAveraging(final int n) {
		return new SimulationTuning(trainSteps, referenceSteps, referencePatches,
			poolSample, evalSlices, encoderEpochs, mcPasses, unetDepth,
			unetBaseFilters, n, runId);
	}

	private static void nonNegative(final long v, final String option) {
		if (v < 0) throw new UserException(option + " " + v + " is negative",
			"use 0 or more");
	}
}
