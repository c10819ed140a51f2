package io.github.twostream.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.twostream.util.CancelledException;

/** Runs one worker on several threads (workers share a counter for their work). */
final class Workers {

	private Workers() {}

	/** Runs {@code worker} on {@code threads} threads and waits for all. */
	static void run(final Runnable worker, final int threads) {
		if (threads <= 1) {
			worker.run();
			return;
		}
		final ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			final List<Future<?>> fs = new ArrayList<>();
			for (int t = 0; t < threads; t++)
				fs.add(pool.submit(worker));
			for (final Future<?> f : fs)
				f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException re) throw re;
			throw new IllegalStateException(e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}
}
