package io.github.twostream.annotation;

/** Where a suggested patch stands in the expert's work. */
public enum SuggestionState {
		/** Not accepted yet (may already hold strokes). */
		PENDING,
		/** Stored as a dense label. */
		ACCEPTED,
		/** Passed over by the expert. */
		SKIPPED;

	public String key() {
		return name().toLowerCase();
	}
}
