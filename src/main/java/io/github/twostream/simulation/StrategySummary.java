package io.github.twostream.simulation;

/**
 * The headline figures of one strategy's mean learning curve ({@code NaN} =
 * not reached / not defined; written as {@code NA}).
 *
 * @param strategy strategy name
 * @param seeds number of seeds averaged
 * @param finalLabelled labelled patches at the last point of the mean curve
 * @param finalIou mean IoU at that point
 * @param patchesTo90 labelled patches needed to reach 90 % of the full
 *          supervision IoU (linear interpolation)
 * @param patchesTo95 same for 95 %
 * @param auc area under the mean IoU curve over labelled patches, divided by
 *          the x-range (a mean IoU; the single IoU for a one-point curve)
 * @param ratioToRandom90 {@code patchesTo90} divided by random's
 * @param ratioToRandom95 {@code patchesTo95} divided by random's
 * @param patchesTo90Ci 95 % bootstrap interval over seeds of
 *          {@code patchesTo90} ({@link Bootstrap}; hi = +infinity: not reached
 *          in more than 2.5 % of the resamples)
 * @param patchesTo95Ci same for {@code patchesTo95}
 * @param aucCi same for {@code auc}
 * @param round0 the first point of the mean curve: the initial set (a
 *          strategy's own with {@code --cold-start strategy})
 * @param round1 the second point: the initial set plus one acquired round,
 *          how well a strategy's first round pays ({@link Point#NONE} for a
 *          one-point curve)
 * @param minutes SIMULATED annotation minutes ({@link CostModel}) to reach
 *          90 / 95 % ({@link Minutes#NONE} for curves without annotation
 *          seconds)
 */
public record StrategySummary(String strategy, int seeds, double finalLabelled,
	double finalIou, double patchesTo90, double patchesTo95, double auc,
	double ratioToRandom90, double ratioToRandom95,
	Bootstrap.Interval patchesTo90Ci, Bootstrap.Interval patchesTo95Ci,
	Bootstrap.Interval aucCi, Point round0, Point round1, Minutes minutes)
{

	/**
	 * Where the mean curve crosses 90 / 95 % of full supervision on the
	 * annotation-minutes axis: the mean over seeds of the SIMULATED minutes
	 * at each labelled-patch count, against the mean IoU there.
	 *
	 * @param to90 minutes to 90 % (NaN: not reached)
	 * @param to90Ci 95 % bootstrap interval over seeds of {@code to90}
	 * @param to95 minutes to 95 %
	 * @param to95Ci same for {@code to95}
	 */
	public record Minutes(double to90, Bootstrap.Interval to90Ci, double to95,
		Bootstrap.Interval to95Ci)
	{

		public static final Minutes NONE = new Minutes(Double.NaN,
			Bootstrap.Interval.NONE, Double.NaN, Bootstrap.Interval.NONE);
	}

	/**
	 * One point of the mean curve.
	 *
	 * @param labelled labelled patches
	 * @param iou mean IoU over seeds
	 * @param ci 95 % bootstrap interval over seeds of {@code iou}
	 */
	public record Point(double labelled, double iou, Bootstrap.Interval ci) {

		public static final Point NONE = new Point(Double.NaN, Double.NaN,
			Bootstrap.Interval.NONE);
	}
}
