package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link ExportProjectLabelsCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Export labels} and macro
 * {@code run("Export labels", "...")}.
 */
public class ExportLabelsPlugIn extends CommandTwin {

	public ExportLabelsPlugIn() {
		super(ExportProjectLabelsCommand.class, "Export labels");
	}

	@Override
	protected boolean requiresTensorFlow() {
		return false;
	}
}
