package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ij.IJ;
import io.github.twostream.util.CancelledException;

/** The twin machinery on a real SciJava context and real ImageJ 1 state. */
public class CommandTwinTest {

	@AfterEach
	public void resetEscape() {
		IJ.resetEscape();
	}

	@Test
	public void executeRunsTheCommandAndReturnsOutputs() {
		final Map<String, Object> out = new CountingCommand.Twin().execute(Map.of(
			"steps", 5, "sleep_ms", 1));
		assertEquals(5, out.get("counted"));
	}

	@Test
	public void imageInputDefaultsToTheCurrentImage() {
		final ij.ImagePlus imp = IJ.createImage("blobs", "8-bit", 77, 20, 1);
		ij.WindowManager.setTempCurrentImage(imp);
		try {
			final ImageWidthCommand.Twin twin = new ImageWidthCommand.Twin();
			final Map<String, Object> in = TwinParameters.of(twin.command())
				.fromMacro("", twin.title());
			assertEquals(imp, in.get("image"));
			assertEquals(77, twin.execute(in).get("width"));
		}
		finally {
			ij.WindowManager.setTempCurrentImage(null);
		}
	}

	@Test
	public void escapeCancelsARunningCommand() throws Exception {
		final CompletableFuture<Map<String, Object>> run = CompletableFuture
			.supplyAsync(() -> new CountingCommand.Twin().execute(Map.of("steps",
				10_000, "sleep_ms", 10)));
		Thread.sleep(500);
		IJ.setKeyDown(KeyEvent.VK_ESCAPE); // the user presses Esc
		final ExecutionException e = assertThrows(ExecutionException.class,
			() -> run.get(30, TimeUnit.SECONDS));
		assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e
			.getCause()));
	}

	/**
	 * The UI thread never waits on a command: a twin called on the event
	 * dispatch thread returns while its command still runs (the command waits
	 * for the test to release it, so a blocked EDT would deadlock here).
	 */
	@Test
	public void onTheEventThreadTheTwinReturnsAtOnce() throws Exception {
		final boolean batch = ij.macro.Interpreter.batchMode;
		ij.macro.Interpreter.batchMode = true; // no dialog under Xvfb
		WaitingCommand.RAN_ON.clear();
		WaitingCommand.release = new java.util.concurrent.CountDownLatch(1);
		try {
			java.awt.EventQueue.invokeAndWait(() -> new WaitingCommand.Twin().run(
				""));
			assertTrue(WaitingCommand.RAN_ON.isEmpty(), "command still running");
			WaitingCommand.release.countDown();
			final String thread = WaitingCommand.RAN_ON.poll(30, TimeUnit.SECONDS);
			assertTrue(thread != null && !thread.contains("(EDT)"), thread);
		}
		finally {
			WaitingCommand.release.countDown();
			ij.macro.Interpreter.batchMode = batch;
		}
	}
}
