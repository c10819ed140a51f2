package io.github.twostream.fiji;

import java.awt.EventQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Test command: waits until the test releases it, then reports the thread it
 * ran on. NB: static latches are test plumbing (the twin creates the command
 * itself, so there is no other way in).
 */
@Plugin(type = Command.class, label = "Wait (test)")
public class WaitingCommand extends ContextCommand {

	static volatile CountDownLatch release = new CountDownLatch(0);
	static final BlockingQueue<String> RAN_ON = new LinkedBlockingQueue<>();

	@Parameter(persist = false, required = false)
	private int timeout_s = 30;

	@Override
	public void run() {
		try {
			release.await(timeout_s, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		RAN_ON.add(Thread.currentThread().getName() + (EventQueue
			.isDispatchThread() ? " (EDT)" : ""));
	}

	/** Its ImageJ 1 twin (not in plugins.config: test only). */
	public static class Twin extends CommandTwin {

		public Twin() {
			super(WaitingCommand.class, "Wait (test)");
		}

		@Override
		protected boolean requiresTensorFlow() {
			return false;
		}
	}
}
