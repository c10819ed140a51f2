package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;

import ij.IJ;
import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;

/** Progress adapters against a real StatusService and real ImageJ 1. */
public class ProgressAdaptersTest {

	private Context context;

	@BeforeEach
	public void setUp() {
		context = new Context(StatusService.class, EventService.class);
		IJ.resetEscape();
	}

	@AfterEach
	public void tearDown() {
		context.dispose();
		IJ.resetEscape();
	}

	/** Collects status events (held strongly: subscriptions are weak). */
	public static final class Events {

		final List<StatusEvent> seen = new CopyOnWriteArrayList<>();

		@EventHandler
		public void on(final StatusEvent e) {
			seen.add(e);
		}
	}

	@Test
	public void statusServiceProgressPublishesStatusEvents() throws Exception {
		final Events events = new Events();
		context.service(EventService.class).subscribe(events);
		final AtomicBoolean cancel = new AtomicBoolean();
		final Progress p = new StatusServiceProgress(context.service(
			StatusService.class), cancel::get);
		p.status("Training encoder");
		p.progress(3, 10);
		// a long total is scaled into StatusService's int range
		p.progress(3L * Integer.MAX_VALUE, 4L * Integer.MAX_VALUE);
		final long deadline = System.currentTimeMillis() + 5000;
		while (events.seen.size() < 3 && System.currentTimeMillis() < deadline)
			Thread.sleep(20); // NB: StatusService publishes later, on a thread
		assertEquals(3, events.seen.size());
		assertTrue(events.seen.stream().anyMatch(e -> "Training encoder".equals(e
			.getStatusMessage())));
		assertTrue(events.seen.stream().anyMatch(e -> e.getProgressValue() == 3 &&
			e.getProgressMaximum() == 10));
		assertTrue(events.seen.stream().anyMatch(e -> e.getProgressMaximum() > 0 &&
			Math.abs(e.getProgressValue() / (double) e.getProgressMaximum() -
				0.75) < 1e-6));
		assertFalse(p.isCancelled());
		cancel.set(true);
		assertThrows(CancelledException.class, p::checkCancelled);
	}

	@Test
	public void ij1ProgressCancelsOnEscape() {
		final Progress p = new IJ1Progress();
		p.status("Embedding patches");
		p.progress(1, 2);
		assertFalse(p.isCancelled());
		IJ.setKeyDown(KeyEvent.VK_ESCAPE); // what ImageJ's key handler does
		assertTrue(IJ.escapePressed());
		assertTrue(p.isCancelled());
		assertThrows(CancelledException.class, p::checkCancelled);
	}
}
