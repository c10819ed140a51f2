package io.github.twostream.cli;

import java.io.PrintStream;

import io.github.twostream.util.Progress;

/**
 * Prints progress to stderr, at most a few lines a second; cancelled when a
 * signal asks the process to stop ({@link CleanStop}).
 */
public class ConsoleProgress implements Progress {

	private final PrintStream out;
	private String stage = "";
	private long lastPrint = 0;

	public ConsoleProgress() {
		this(System.err);
	}

	public ConsoleProgress(final PrintStream out) {
		this.out = out;
	}

	@Override
	public void status(final String message) {
		stage = message;
		out.println("[twostream] " + message);
	}

	@Override
	public void progress(final long done, final long total) {
		final long now = System.currentTimeMillis();
		if (done < total && now - lastPrint < 2000) return;
		lastPrint = now;
		final int pct = total > 0 ? (int) (100 * done / total) : 0;
		out.println("[twostream] " + stage + ": " + done + "/" + total + " (" +
			pct + "%)");
	}

	@Override
	public boolean isCancelled() {
		return CleanStop.requested();
	}
}
