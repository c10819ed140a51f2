package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link AnnotateCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Annotate...} and macro
 * {@code run("Annotate...", "project=[...]")}.
 */
public class AnnotatePlugIn extends CommandTwin {

	public AnnotatePlugIn() {
		super(AnnotateCommand.class, "Annotate...");
	}
}
