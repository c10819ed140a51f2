package io.github.twostream.annotation;

import java.util.function.LongSupplier;

/**
 * Active annotation time: the time between consecutive actions on a patch,
 * each gap capped at {@code idleCapNanos} (a coffee break does not count as
 * annotation). Starts with the first action.
 */
final class ActiveClock {

	private final LongSupplier nanos;
	private final long idleCapNanos;
	private long last = Long.MIN_VALUE;
	private long active;

	ActiveClock(final LongSupplier nanos, final long idleCapNanos) {
		this.nanos = nanos;
		this.idleCapNanos = idleCapNanos;
	}

	/** Records an action now. */
	void tick() {
		final long now = nanos.getAsLong();
		if (last != Long.MIN_VALUE) active += Math.max(0, Math.min(now - last,
			idleCapNanos));
		last = now;
	}

	/** Stops counting until the next action (the expert moved elsewhere). */
	void pause() {
		last = Long.MIN_VALUE;
	}

	boolean started() {
		return last != Long.MIN_VALUE;
	}

	/** Active seconds so far. */
	double seconds() {
		return active / 1e9;
	}
}
