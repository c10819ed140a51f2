package io.github.twostream.bench;

import java.awt.EventQueue;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import io.github.twostream.annotation.AnnotatedSuggestion;
import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.AnnotationSettings;
import io.github.twostream.annotation.HeatmapLayer;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.util.UserException;
import io.github.twostream.viewer.AnnotationWindows;
import io.github.twostream.viewer.IJ1AnnotationView;
import io.github.twostream.viewer.VolumeImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.testdata.TestData;
import io.github.twostream.volume.Volumes;

/**
 * Responsiveness of the annotation view on 1024 x 1024 slices, with real AWT
 * events and a real retrain: stroke-to-repaint latency, heatmap layer switch,
 * accept-to-saved, and the longest stall of the event thread while a retrain
 * runs (probed every 5 ms, strokes painted meanwhile). Prints the figures;
 * not a test.
 */
public final class AnnotationBenchmark {

	/** Side of the benchmark slices. */
	public static final int SIZE = 1024;

	private final PrintStream out;
	private final int strokes;
	private final int trainSteps;
	private final int encoderEpochs;

	public AnnotationBenchmark(final PrintStream out, final int strokes,
		final int trainSteps, final int encoderEpochs)
	{
		this.out = out;
		this.strokes = strokes;
		this.trainSteps = trainSteps;
		this.encoderEpochs = encoderEpochs;
	}

	/** Runs every measurement in {@code work} (a new or empty folder). */
	public void run(final Path work) throws Exception {
		AnnotationWindows.requireDisplay();
		final Path tif = emStack(work);
		try (ProjectSession s = ProjectSession.create(work.resolve("project"), tif
			.toString(), 64, 64))
		{
			final AnnotationSettings base = AnnotationSettings.defaults(s);
			final AnnotationSettings settings = base.withTrainSteps(trainSteps)
				.withSuggest(base.suggest().withEncoder(base.suggest().encoder()
					.withEpochs(encoderEpochs)));
			final AnnotationSession a = new AnnotationSession(s, settings,
				System::nanoTime);
			out.println("Cold-start round (encoder " + encoderEpochs + " epochs on " +
				s.grid().size() + " patches)...");
			final long t0 = System.nanoTime();
			a.suggestNext().join();
			out.printf(Locale.ROOT, "  round 1 in %.1f s: %s%n", (System.nanoTime() -
				t0) / 1e9, a.status().note());
			final AtomicBoolean closed = new AtomicBoolean();
			final ImagePlus em = VolumeImages.owning(Volumes.open(tif.toString()),
				"bench");
			final IJ1AnnotationView view = IJ1AnnotationView.open(a, em, () -> closed
				.set(true));
			IJ.wait(1500);
			out.printf(Locale.ROOT, "View: %d x %d slices, magnification %.2f%n",
				em.getWidth(), em.getHeight(), view.canvas().getMagnification());
			out.println("Load average before: " + loadAverage());
			strokeLatency(view);
			layerSwitch(view);
			acceptToSaved(view);
			stallWhileTraining(view);
			EventQueue.invokeAndWait(view::close);
			while (!closed.get())
				Thread.sleep(50);
		}
	}

	/** A 1024 x 1024 x 4 EM-like stack tiled from the synthetic test volume. */
	static Path emStack(final Path work) {
		TestData.generate(work.resolve("test-data"), 1);
		final ImagePlus small = IJ.openImage(work.resolve("test-data").resolve(
			"train-volume.tif").toString());
		if (small == null) throw new UserException("Cannot read the test volume",
			"check " + work);
		final int n = SIZE / small.getWidth();
		final ImageStack stack = new ImageStack(SIZE, SIZE);
		for (int z = 0; z < 4; z++) {
			final ImageProcessor big = small.getProcessor().createProcessor(SIZE,
				SIZE);
			for (int t = 0; t < n * n; t++)
				big.insert(small.getStack().getProcessor(1 + (z * 5 + t) % small
					.getNSlices()), (t % n) * small.getWidth(), (t / n) * small
						.getHeight());
			stack.addSlice(big);
		}
		final Path tif = work.resolve("em-1024.tif");
		new FileSaver(new ImagePlus("em", stack)).saveAsTiffStack(tif.toString());
		return tif;
	}

	private void strokeLatency(final IJ1AnnotationView view) throws Exception {
		final AnnotatedSuggestion cur = view.session().current().orElseThrow();
		final List<Long> lat = new ArrayList<>(), cpu = new ArrayList<>();
		final Patch p = cur.patch();
		for (int k = 0; k < strokes / 20; k++) {
			final int y = p.y() + 4 + (k * 3) % (p.h() - 8);
			post(view, MouseEvent.MOUSE_PRESSED, p.x() + 2, y);
			for (int i = 0; i < 20; i++) {
				final long c0 = edtCpu();
				lat.add(postAndWait(view, MouseEvent.MOUSE_DRAGGED, p.x() + 2 + 3 * i,
					y));
				cpu.add(edtCpu() - c0);
			}
			post(view, MouseEvent.MOUSE_RELEASED, p.x() + 62, y);
		}
		view.session().flush();
		print("stroke-to-repaint", lat, 16);
		print("  its event-thread CPU time", cpu, 16);
	}

	private void layerSwitch(final IJ1AnnotationView view) throws Exception {
		final List<Long> lat = new ArrayList<>(), cpu = new ArrayList<>();
		final HeatmapLayer[] cycle = { HeatmapLayer.STREAM_B,
			HeatmapLayer.COMBINED };
		for (int i = 0; i < 40; i++) {
			final HeatmapLayer l = cycle[i % 2];
			final long c0 = edtCpu();
			final long t0 = System.nanoTime();
			EventQueue.invokeLater(() -> view.setLayer(l));
			lat.add(waitForPaint(view, t0));
			cpu.add(edtCpu() - c0);
		}
		print("heatmap layer switch", lat, 50);
		print("  its event-thread CPU time", cpu, 50);
	}

	private void acceptToSaved(final IJ1AnnotationView view) throws Exception {
		final List<Long> lat = new ArrayList<>();
		final AnnotationSession s = view.session();
		while (s.current().isPresent() && !s.needsRound()) {
			final Patch p = s.current().get().patch();
			EventQueue.invokeAndWait(() -> {
				s.beginStroke(p.z(), p.x() + 20, p.y() + 20);
				s.strokeTo(p.x() + 40, p.y() + 30);
			});
			s.endStroke().join();
			final long t0 = System.nanoTime();
			final CompletableFuture<Integer> saved = s.accept();
			saved.join();
			lat.add(System.nanoTime() - t0);
			// NB: the move to the next pending suggestion follows the save
			s.flush();
		}
		print("accept-to-saved", lat, 50);
	}

	private void stallWhileTraining(final IJ1AnnotationView view)
		throws Exception
	{
		final AnnotationSession s = view.session();
		final int before = s.projectSession().project().labels().count();
		final long gc0 = gcMillis();
		final CompletableFuture<?> training = s.retrain();
		final List<Long> stalls = new ArrayList<>();
		int painted = 0;
		final Patch p = s.grid().get(s.grid().size() - 1);
		final long t0 = System.nanoTime();
		final Thread[] edt = new Thread[1];
		EventQueue.invokeAndWait(() -> edt[0] = Thread.currentThread());
		boolean dumped = false;
		while (!training.isDone()) {
			final long t = System.nanoTime();
			final java.util.concurrent.CountDownLatch ran =
				new java.util.concurrent.CountDownLatch(1);
			EventQueue.invokeLater(ran::countDown);
			if (!ran.await(300, java.util.concurrent.TimeUnit.MILLISECONDS) &&
				!dumped)
			{
				// NB: say where the event thread is when it stalls
				dumped = true;
				out.printf(Locale.ROOT, "  event thread busy > 300 ms at %.1f s of the retrain:%n",
					(System.nanoTime() - t0) / 1e9);
				for (final StackTraceElement e : edt[0].getStackTrace())
					out.println("    at " + e);
			}
			ran.await();
			stalls.add(System.nanoTime() - t);
			if (stalls.size() % 10 == 0 && painted < 60) {
				final int y = p.y() + 2 + painted % 60;
				post(view, MouseEvent.MOUSE_PRESSED, p.x() + 2, y);
				post(view, MouseEvent.MOUSE_DRAGGED, p.x() + 30, y);
				post(view, MouseEvent.MOUSE_RELEASED, p.x() + 30, y);
				painted++;
			}
			Thread.sleep(5);
		}
		training.join();
		s.flush();
		out.printf(Locale.ROOT, "  retrain: %d steps in %.1f s, %d strokes painted meanwhile, " +
			"labelled patches %d -> %d%n", trainSteps, (System.nanoTime() - t0) / 1e9,
			painted, before, s.projectSession().project().labels().count());
		out.printf(Locale.ROOT, "  GC during the retrain: %d ms; load average after: %s%n",
			gcMillis() - gc0, loadAverage());
		print("event-thread stall during retrain", stalls, 100);
	}

	/** The machine's 1/5/15-minute load average (Linux), to judge the noise. */
	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (final java.io.IOException | RuntimeException e) {
			return "unknown";
		}
	}

	private static long edtId = -1;

	/** CPU time the event thread has used so far (ns): the cost, apart from waiting for a core. */
	private static long edtCpu() {
		try {
			if (edtId < 0) EventQueue.invokeAndWait(() -> edtId = Thread
				.currentThread().getId());
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
		return java.lang.management.ManagementFactory.getThreadMXBean()
			.getThreadCpuTime(edtId);
	}

	private static long gcMillis() {
		long ms = 0;
		for (final var gc : java.lang.management.ManagementFactory
			.getGarbageCollectorMXBeans())
			ms += Math.max(0, gc.getCollectionTime());
		return ms;
	}

	private void print(final String what, final List<Long> nanos,
		final double targetMs)
	{
		final long[] v = nanos.stream().mapToLong(Long::longValue).sorted()
			.toArray();
		if (v.length == 0) return;
		final double p50 = v[v.length / 2] / 1e6, p95 = v[(int) Math.min(v.length -
			1, Math.ceil(0.95 * v.length) - 1)] / 1e6, max = v[v.length - 1] / 1e6;
		final double key = what.startsWith("event") ? max : p95;
		out.printf(Locale.ROOT,
			"%-38s n=%4d  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (target %s < %.0f ms: %s)%n",
			what, v.length, p50, p95, max, what.startsWith("event") ? "max" : "p95",
			targetMs, key < targetMs ? "met" : "MISSED");
		Arrays.fill(v, 0);
	}

	private static void post(final IJ1AnnotationView view, final int id,
		final int x, final int y)
	{
		final var c = view.canvas();
		final int mods = id == MouseEvent.MOUSE_RELEASED ? 0
			: InputEvent.BUTTON1_DOWN_MASK;
		final int button = id == MouseEvent.MOUSE_DRAGGED ? MouseEvent.NOBUTTON
			: MouseEvent.BUTTON1;
		java.awt.Toolkit.getDefaultToolkit().getSystemEventQueue().postEvent(
			new MouseEvent(c, id, System.currentTimeMillis(), mods, c.screenX(x), c
				.screenY(y), 1, false, button));
	}

	private static long postAndWait(final IJ1AnnotationView view, final int id,
		final int x, final int y) throws InterruptedException
	{
		final long t0 = System.nanoTime();
		post(view, id, x, y);
		return waitForPaint(view, t0);
	}

	/** Nanoseconds from t0 until the canvas finished a paint that began after t0. */
	private static long waitForPaint(final IJ1AnnotationView view, final long t0)
		throws InterruptedException
	{
		final long deadline = t0 + 2_000_000_000L;
		while (view.lastPaintEnd() <= t0 && System.nanoTime() < deadline)
			Thread.onSpinWait();
		return view.lastPaintEnd() - t0;
	}

}
