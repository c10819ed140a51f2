package io.github.twostream.store;

/** How completely a patch is labelled. */
public enum LabelKind {
		/** Every pixel is 0 (background) or 1 (foreground). */
		DENSE,
		/**
		 * A partial label: painted pixels are 0 or 1, the rest is
		 * {@link Masks#IGNORE}.
		 */
		SCRIBBLE;

	/** The lower-case name stored in the database and shown to users. */
	public String key() {
		return name().toLowerCase();
	}

	/** The kind with the given {@link #key()}. */
	public static LabelKind of(final String key) {
		return valueOf(key.toUpperCase());
	}
}
