package io.github.twostream.fiji;

/**
 * ImageJ 1 twin of {@link MeasureAnnotationCostCommand}: menu entry
 * {@code Plugins>Two-Stream Active Learning>Annotation cost} and macro
 * {@code run("Annotation cost", "project=[...]")}.
 */
public class AnnotationCostPlugIn extends CommandTwin {

	public AnnotationCostPlugIn() {
		super(MeasureAnnotationCostCommand.class, "Annotation cost");
	}

	@Override
	protected boolean requiresTensorFlow() {
		return false;
	}
}
