package io.github.twostream.annotation;

/** The painting tools of the annotation view (keys 1, 2, 3). */
public enum Tool {
		/** Paints foreground. */
		BRUSH,
		/** Paints explicit background. */
		ERASER,
		/** Flood-fills foreground within one patch. */
		FILL;

	/** Lower-case name for status lines. */
	public String key() {
		return name().toLowerCase();
	}
}
