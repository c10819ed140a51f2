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
 */
public record StrategySummary(String strategy, int seeds, double finalLabelled,
	double finalIou, double patchesTo90, double patchesTo95, double auc,
	double ratioToRandom90, double ratioToRandom95)
{}
