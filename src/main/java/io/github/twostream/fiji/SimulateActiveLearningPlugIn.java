package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link SimulateActiveLearningCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Simulate active learning...} and
 * macro {@code run("Simulate active learning...", "...")}.
 */
public class SimulateActiveLearningPlugIn extends CommandTwin {

	public SimulateActiveLearningPlugIn() {
		super(SimulateActiveLearningCommand.class, "Simulate active learning...");
	}
}
