package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link TrainStructureEncoderCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Train structure encoder} and macro
 * {@code run("Train structure encoder", "...")}.
 */
public class TrainStructureEncoderPlugIn extends CommandTwin {

	public TrainStructureEncoderPlugIn() {
		super(TrainStructureEncoderCommand.class, "Train structure encoder");
	}
}
