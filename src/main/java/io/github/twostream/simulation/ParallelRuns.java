package io.github.twostream.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent simulation runs on up to {@code jobs} threads; the first
 * failure (in submission order) is rethrown as it was thrown, after every
 * run has stopped. NB: a cancel reaches every run through the shared
 * {@link io.github.twostream.util.Progress}, so all stop at their next check.
 */
final class ParallelRuns {

	private ParallelRuns() {}

	static void run(final List<Runnable> runs, final int jobs) {
		if (jobs <= 1 || runs.size() <= 1) {
			runs.forEach(Runnable::run);
			return;
		}
		final ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs,
			runs.size()), r -> {
				final Thread t = new Thread(r, "simulation-run");
				t.setDaemon(true);
				return t;
			});
		try {
			final List<Future<?>> futures = new ArrayList<>();
			for (final Runnable r : runs)
				futures.add(pool.submit(r));
			RuntimeException first = null;
			for (final Future<?> f : futures) {
				try {
					f.get();
				}
				catch (final ExecutionException e) {
					final Throwable c = e.getCause();
					if (first == null) first = c instanceof RuntimeException re ? re
						: new IllegalStateException(c);
					if (c instanceof Error err) throw err;
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while simulating", e);
				}
			}
			if (first != null) throw first;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
