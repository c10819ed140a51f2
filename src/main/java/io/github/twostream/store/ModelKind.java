package io.github.twostream.store;

/** What a stored model is for. */
public enum ModelKind {
		/** Stream A: the segmentation (task) model. */
		TASK,
		/** Stream B: the fixed contrastive encoder. */
		ENCODER;

	public String key() {
		return name().toLowerCase();
	}

	public static ModelKind of(final String key) {
		return valueOf(key.toUpperCase());
	}
}
