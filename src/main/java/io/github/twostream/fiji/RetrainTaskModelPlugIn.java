package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link RetrainTaskModelCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Retrain task model} and macro
 * {@code run("Retrain task model", "...")}.
 */
public class RetrainTaskModelPlugIn extends CommandTwin {

	public RetrainTaskModelPlugIn() {
		super(RetrainTaskModelCommand.class, "Retrain task model");
	}
}
