package io.github.twostream.fiji;

import java.util.function.BooleanSupplier;

import org.scijava.app.StatusService;

import io.github.twostream.util.Progress;

/**
 * {@link Progress} through SciJava's {@link StatusService} (the Fiji status
 * bar when a SciJava UI or the ImageJ 1 twin listens). Cancellation comes from
 * a supplier, typically the running command's {@code isCanceled()}.
 */
public class StatusServiceProgress implements Progress {

	private final StatusService status;
	private final BooleanSupplier cancelled;

	/**
	 * @param status may be null (then only cancellation is forwarded)
	 * @param cancelled true when the user asked to stop
	 */
	public StatusServiceProgress(final StatusService status,
		final BooleanSupplier cancelled)
	{
		this.status = status;
		this.cancelled = cancelled;
	}

	@Override
	public void status(final String message) {
		if (status != null) status.showStatus(message);
	}

	@Override
	public void progress(final long done, final long total) {
		if (status == null) return;
		// NB: StatusService counts in ints; scale long totals down.
		final long scale = Math.max(1, total / Integer.MAX_VALUE + 1);
		status.showProgress((int) (done / scale), (int) (total / scale));
	}

	@Override
	public boolean isCancelled() {
		return cancelled.getAsBoolean();
	}
}
