package io.github.twostream.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A clean stop on Ctrl-C (SIGINT) or SIGTERM: the JVM's shutdown hook asks the
 * running command to stop at its next cancellation check
 * ({@link ConsoleProgress#isCancelled()}, between training steps, slices or
 * rounds) and waits for the command to return, so its TensorFlow sessions and
 * its project are closed before the JVM halts. The command then ends as a
 * cancelled one ("twostream train: cancelled"): a training keeps no
 * half-trained version, a simulation keeps its finished rounds. A command that
 * has not polled (the annotation window, a macro, a quick command) exits at
 * once, as before.
 * <p>
 * NB: without the wait the JVM exits while a step runs in native code, and
 * TensorFlow can crash on the way out (seen in stop 31: SIGILL in a convolution
 * primitive when a simulation was stopped with SIGTERM). The request is the
 * process's own state, as the signal is: only {@link TwoStreamCli#main}
 * installs the hook, so in-process callers (tests, Fiji) never see one.
 * </p>
 */
final class CleanStop {

	/** Longest wait for the command; a step or a slice takes seconds. */
	static final long WAIT_SECONDS = 60;

	private static volatile boolean requested;

	/** Whether the command polls for a stop (asked {@link #requested()}). */
	private static volatile boolean polled;

	private static final CountDownLatch returned = new CountDownLatch(1);

	private CleanStop() {}

	/** True once a signal asked the process to stop. */
	static boolean requested() {
		// NB: asked once per training step, tile or query: write the shared
		// flag once, not on every call
		if (!polled) polled = true;
		return requested;
	}

	/** Installs the shutdown hook (once, from {@code main}). */
	static void install() {
		Runtime.getRuntime().addShutdownHook(new Thread(CleanStop::stopAndWait,
			"twostream-clean-stop"));
	}

	/** The command has returned: the hook need not wait. */
	static void commandReturned() {
		returned.countDown();
	}

	private static void stopAndWait() {
		// NB: a command that never polls (view, macro, init) would only keep
		// the user waiting: it exits at once, as before
		if (returned.getCount() == 0 || !polled) return;
		requested = true;
		System.err.println("[twostream] stopping after the current step (at most " +
			WAIT_SECONDS + " s; kill -9 stops at once but may lose that step)");
		try {
			returned.await(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
