package io.github.twostream.model;

import io.github.twostream.util.UserException;

/**
 * How many training steps a labelled set gets when the user does not say:
 * proportional to the number of labelled patches, within bounds, so a few
 * patches are not over-fitted for minutes and a large set gets enough passes.
 * Fine-tuning the previous version after a new round of labels runs a fraction
 * of that (the weights already fit most of the data).
 *
 * @param stepsPerPatch steps per labelled patch for a fresh model
 * @param minSteps fewest steps of a fresh model
 * @param maxSteps most steps of a fresh model
 * @param fineTuneFraction fraction of the fresh budget used when fine-tuning
 * @param minFineTuneSteps fewest steps when fine-tuning
 * @param maxFineTuneSteps most steps when fine-tuning (keeps a retrain round
 *          short however many patches are labelled)
 */
public record TrainingBudget(double stepsPerPatch, int minSteps, int maxSteps,
	double fineTuneFraction, int minFineTuneSteps, int maxFineTuneSteps)
{

	public TrainingBudget {
		if (!(stepsPerPatch > 0) || minSteps < 1 || maxSteps < minSteps ||
			!(fineTuneFraction > 0 && fineTuneFraction <= 1) || minFineTuneSteps < 1 ||
			maxFineTuneSteps < minFineTuneSteps)
			throw new UserException("invalid training budget " + stepsPerPatch + "/" +
				minSteps + "/" + maxSteps + "/" + fineTuneFraction,
				"use positive steps with min <= max and a fraction in (0, 1]");
	}

	/** Steps for {@code patches} labelled patches, fresh or fine-tuned. */
	public int steps(final int patches, final boolean fineTune) {
		final int fresh = (int) Math.max(minSteps, Math.min(maxSteps, Math.round(
			stepsPerPatch * patches)));
		return fineTune ? Math.max(minFineTuneSteps, Math.min(maxFineTuneSteps,
			(int) Math.round(fresh * fineTuneFraction))) : fresh;
	}
}
