package io.github.twostream.annotation;

/**
 * What the side panel shows about the session.
 *
 * @param round the current round (0: none yet)
 * @param strategy the round's strategy
 * @param note the round's note, e.g. the cold-start notice
 * @param labelled labelled patches in the project (dense or partial)
 * @param accepted accepted suggestions of this round
 * @param pending pending suggestions of this round
 * @param modelVersion the latest task model's id (0: none yet)
 * @param device the device the latest model was trained on
 * @param secondsPerAccepted mean active seconds per timed accepted patch (NaN: none)
 * @param task the background task's line (empty: idle)
 */
public record AnnotationStatus(int round, String strategy, String note,
	int labelled, int accepted, int pending, long modelVersion, String device,
	double secondsPerAccepted, String task)
{}
