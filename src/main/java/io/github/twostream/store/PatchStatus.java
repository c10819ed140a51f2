package io.github.twostream.store;

/** A patch's state in the active-learning loop, as listed by 'patches'. */
public enum PatchStatus {
		UNLABELLED, LABELLED,
		/** In the latest query round and not labelled yet. */
		SUGGESTED;

	/** The lower-case name shown to users ("unlabelled", ...). */
	public String key() {
		return name().toLowerCase();
	}
}
