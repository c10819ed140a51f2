package io.github.twostream.simulation;

/**
 * One finished simulation round: the labelled set's size and the task
 * model's test scores after training on it.
 *
 * @param strategy acquisition strategy name
 * @param seed simulation seed (initial set, strategy randomness, training)
 * @param round 0-based round within (strategy, seed); round 0 = initial set
 * @param labelledPatches labelled patches the model was trained on
 * @param iou foreground IoU on the held-out evaluation region
 * @param dice foreground Dice on the same region
 * @param roundSeconds wall time of the round (train + score + select)
 * @param annotationSeconds SIMULATED seconds to annotate the labelled set
 *          ({@link CostModel}); NaN when unknown (rows of older runs)
 */
public record CurvePoint(String strategy, long seed, int round,
	int labelledPatches, double iou, double dice, double roundSeconds,
	double annotationSeconds)
{

	/** Without annotation seconds (NaN). */
	public CurvePoint(final String strategy, final long seed, final int round,
		final int labelledPatches, final double iou, final double dice,
		final double roundSeconds)
	{
		this(strategy, seed, round, labelledPatches, iou, dice, roundSeconds,
			Double.NaN);
	}
}
