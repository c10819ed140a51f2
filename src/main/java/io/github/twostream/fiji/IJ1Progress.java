package io.github.twostream.fiji;

import java.util.function.BooleanSupplier;

import ij.IJ;
import io.github.twostream.util.Progress;

/**
 * {@link Progress} on the ImageJ 1 status bar and progress bar; the user
 * cancels with Esc ({@link IJ#escapePressed()}) or through {@code cancelled}.
 */
public class IJ1Progress implements Progress {

	private final BooleanSupplier cancelled;

	/** Esc-cancellable progress. */
	public IJ1Progress() {
		this(() -> false);
	}

	/** @param cancelled another source of cancellation (e.g. a command's) */
	public IJ1Progress(final BooleanSupplier cancelled) {
		this.cancelled = cancelled;
	}

	@Override
	public void status(final String message) {
		IJ.showStatus(message);
	}

	@Override
	public void progress(final long done, final long total) {
		if (total <= 0) return;
		// NB: IJ.showProgress(double) hides the bar at 1.0, like ImageJ's own
		// loops do when the last step finishes.
		IJ.showProgress((double) done / total);
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed() || cancelled.getAsBoolean();
	}
}
