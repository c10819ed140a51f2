package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link LabelFromMaskCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Label patches from mask} and macro
 * {@code run("Label patches from mask", "...")}.
 */
public class LabelFromMaskPlugIn extends CommandTwin {

	public LabelFromMaskPlugIn() {
		super(LabelFromMaskCommand.class, "Label patches from mask");
	}

	@Override
	protected boolean requiresTensorFlow() {
		return false;
	}
}
