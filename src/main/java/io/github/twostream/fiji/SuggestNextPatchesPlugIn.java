package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link SuggestNextPatchesCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Suggest next patches} and macro
 * {@code run("Suggest next patches", "...")}.
 */
public class SuggestNextPatchesPlugIn extends CommandTwin {

	public SuggestNextPatchesPlugIn() {
		super(SuggestNextPatchesCommand.class, "Suggest next patches");
	}
}
