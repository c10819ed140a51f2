package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link ShowSuggestionsCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Show suggestions} and macro
 * {@code run("Show suggestions", "suggestions=[...] image=[...] ...")}.
 */
public class ShowSuggestionsPlugIn extends CommandTwin {

	public ShowSuggestionsPlugIn() {
		super(ShowSuggestionsCommand.class, "Show suggestions");
	}

	@Override
	protected boolean requiresTensorFlow() {
		return false; // reads a CSV and an image only
	}
}
