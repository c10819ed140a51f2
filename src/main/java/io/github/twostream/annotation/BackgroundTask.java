package io.github.twostream.annotation;

import io.github.twostream.util.Progress;

/**
 * The {@link Progress} of the session's background work (retrain, suggest):
 * its latest status line and fraction, and a cancel flag the work checks.
 */
public final class BackgroundTask implements Progress {

	private final String name;
	private final Runnable changed;
	private volatile String message = "";
	private volatile double fraction = Double.NaN;
	private volatile boolean cancelled;

	BackgroundTask(final String name, final Runnable changed) {
		this.name = name;
		this.changed = changed;
	}

	public String name() {
		return name;
	}

	@Override
	public void status(final String m) {
		message = m;
		changed.run();
	}

	@Override
	public void progress(final long done, final long total) {
		fraction = total > 0 ? (double) done / total : Double.NaN;
		changed.run();
	}

	@Override
	public boolean isCancelled() {
		return cancelled;
	}

	/** Asks the work to stop at its next check. */
	public void cancel() {
		cancelled = true;
		changed.run();
	}

	/** Done fraction of the current stage (NaN: unknown). */
	public double fraction() {
		return fraction;
	}

	/** One line: name, stage and percentage. */
	public String line() {
		final String pct = Double.isNaN(fraction) ? "" : String.format(
			java.util.Locale.ROOT, " %.0f%%", 100 * fraction);
		return name + (cancelled ? " (cancelling)" : "") + ": " + message + pct;
	}
}
