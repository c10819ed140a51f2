package io.github.twostream.util;

/**
 * Progress and cancellation for long work (training, embedding, simulation).
 * <p>
 * Core code reports through this small interface only; the CLI prints it,
 * Fiji forwards it to the StatusService / ImageJ status bar.
 * </p>
 */
public interface Progress {

	/** A short description of the current stage, e.g. "Training encoder". */
	void status(String message);

	/** Work done so far out of {@code total} in the current stage. */
	void progress(long done, long total);

	/** True when the user asked to stop; long loops check it between steps. */
	default boolean isCancelled() {
		return false;
	}

	/** Throws {@link CancelledException} if the user asked to stop. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	/** Progress that goes nowhere. */
	Progress NONE = new Progress() {

		@Override
		public void status(final String message) {}

		@Override
		public void progress(final long done, final long total) {}
	};
}
