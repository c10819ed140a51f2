package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link NewProjectCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>New project...} and macro
 * {@code run("New project...", "...")}.
 */
public class NewProjectPlugIn extends CommandTwin {

	public NewProjectPlugIn() {
		super(NewProjectCommand.class, "New project...");
	}

	@Override
	protected boolean requiresTensorFlow() {
		return false;
	}
}
