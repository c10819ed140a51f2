package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link PredictProbabilitiesCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Predict} and macro
 * {@code run("Predict", "...")}.
 */
public class PredictPlugIn extends CommandTwin {

	public PredictPlugIn() {
		super(PredictProbabilitiesCommand.class, "Predict");
	}
}
