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
 * @param threshold the model's threshold, calibrated on its held-out labelled
 *          patches, at which {@code iou} and {@code dice} are scored; NaN when
 *          unknown (rows of older runs)
 * @param iouAtHalf foreground IoU on the same region at the fixed threshold
 *          0.5 (the model without calibration); NaN when unknown
 * @param oracleIoU DIAGNOSTIC ONLY: the best foreground IoU on the same
 *          region over the thresholds {@link #oracleThresholds()} and
 *          {@code threshold}, i.e. with the threshold chosen on the test
 *          labels (so never below {@code iou}). {@code oracleIoU - iou}
 *          is what the calibration costs; a dip of {@code iou} that
 *          {@code oracleIoU} does not share is a threshold dip, not a worse
 *          model. Nothing is ever chosen on it. NaN when unknown.
 */
public record CurvePoint(String strategy, long seed, int round,
	int labelledPatches, double iou, double dice, double roundSeconds,
	double annotationSeconds, double threshold, double iouAtHalf,
	double oracleIoU)
{

	/** The thresholds {@code oracleIoU} is the best of: 0.05, 0.10, ..., 0.95. */
	public static float[] oracleThresholds() {
		final float[] t = new float[19];
		for (int i = 0; i < t.length; i++)
			t[i] = (i + 1) * 0.05f;
		return t;
	}

	/** Without threshold, IoU at 0.5 and oracle IoU (NaN). */
	public CurvePoint(final String strategy, final long seed, final int round,
		final int labelledPatches, final double iou, final double dice,
		final double roundSeconds, final double annotationSeconds)
	{
		this(strategy, seed, round, labelledPatches, iou, dice, roundSeconds,
			annotationSeconds, Double.NaN, Double.NaN, Double.NaN);
	}

	/** Without annotation seconds (NaN). */
	public CurvePoint(final String strategy, final long seed, final int round,
		final int labelledPatches, final double iou, final double dice,
		final double roundSeconds)
	{
		this(strategy, seed, round, labelledPatches, iou, dice, roundSeconds,
			Double.NaN);
	}
}
