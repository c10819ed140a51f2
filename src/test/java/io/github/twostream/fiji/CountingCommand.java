package io.github.twostream.fiji;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.util.Progress;

/** Test command: counts to {@code steps}, reporting progress, cancellable. */
@Plugin(type = Command.class, label = "Count (test)")
public class CountingCommand extends ContextCommand {

	@Parameter(persist = false)
	private int steps;

	@Parameter(persist = false, required = false)
	private int sleep_ms = 20;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT)
	private int counted;

	@Override
	public void run() {
		final Progress p = new StatusServiceProgress(status, this::isCanceled);
		p.status("Counting");
		for (int i = 0; i < steps; i++) {
			p.checkCancelled();
			try {
				Thread.sleep(sleep_ms);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			counted = i + 1;
			p.progress(counted, steps);
		}
	}

	/** Its ImageJ 1 twin (not in plugins.config: test only). */
	public static class Twin extends CommandTwin {

		public Twin() {
			super(CountingCommand.class, "Count (test)");
		}

		@Override
		protected boolean requiresTensorFlow() {
			return false;
		}
	}
}
