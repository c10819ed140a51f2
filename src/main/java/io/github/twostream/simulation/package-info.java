/**
 * Simulated active learning: {@link io.github.twostream.simulation.Simulator}
 * runs the loop against ground truth; an {@link io.github.twostream.simulation.Oracle}
 * answers from ground truth, finished rounds go to {@code curves.csv}
 * ({@link io.github.twostream.simulation.SimulationState}, resumable), and
 * {@link io.github.twostream.simulation.Summaries} /
 * {@link io.github.twostream.simulation.CurvePlot} turn the curves into
 * {@code summary.csv} and {@code curves.png}.
 */
package io.github.twostream.simulation;
