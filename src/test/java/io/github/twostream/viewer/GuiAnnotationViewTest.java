package io.github.twostream.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.AnnotationSettings;
import io.github.twostream.annotation.SuggestionState;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Masks;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.StreamScores;
import io.github.twostream.store.SuggestionRecord;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.volume.Patch;
import io.github.twostream.testdata.TestData;
import io.github.twostream.volume.Volumes;

/**
 * The annotation view with real windows and real mouse and key events
 * (java.awt.Robot) on synthetic test-data: strokes land in the store exactly,
 * Enter accepts, Ctrl+Z undoes, painting goes on while a real retrain runs,
 * and the cold-start heatmap is warm over the EM (screenshot in
 * target/annotation-view.png). Needs a display (xvfb-run); skips without one.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class GuiAnnotationViewTest {

	@TempDir
	Path tmp;

	private ProjectSession project;
	private IJ1AnnotationView view;
	private final AtomicBoolean closed = new AtomicBoolean();
	private Robot robot;

	@BeforeEach
	public void needsDisplay() throws Exception {
		GuiWindows.needDisplay();
		robot = new Robot();
		robot.setAutoDelay(15);
	}

	@AfterEach
	public void closeWindows() throws Exception {
		if (view != null) {
			EventQueue.invokeAndWait(view::close);
			waitFor(closed::get, 120, "session closed");
		}
		else if (project != null) project.close();
		GuiWindows.closeAll();
	}

	/** Opens the view on a fresh project of the synthetic test volume. */
	private AnnotationSession open(final int... suggested) throws Exception {
		TestData.generate(tmp.resolve("data"), 1);
		final String tif = tmp.resolve("data").resolve("train-volume.tif")
			.toString();
		project = ProjectSession.create(tmp.resolve("p"), tif, 64, 64);
		final List<SuggestionRecord> records = new ArrayList<>();
		for (int i = 0; i < suggested.length; i++)
			records.add(new SuggestionRecord(suggested[i], i, new StreamScores(null,
				null, null, 0.5, null, 1.0 - 0.1 * i)));
		if (suggested.length > 0) project.project().queries().record(1,
			"two-stream", records);
		final EncoderConfig enc = SuggestSettings.defaults(64).encoder().withEpochs(
			2);
		final AnnotationSession a = new AnnotationSession(project,
			new AnnotationSettings(new SuggestSettings("two-stream", 4, 0, 10, 7,
				enc), ModelPreset.fast(64).withUnet(UNetConfig.reference()
					.withArchitecture(2, 8)), 40, 0.5, 30),
			System::nanoTime);
		final ProjectSession p = project;
		view = IJ1AnnotationView.open(a, VolumeImages.owning(Volumes.open(tif),
			"em"), () -> {
				p.close();
				closed.set(true);
			});
		EventQueue.invokeAndWait(() -> {
			view.window().setLocation(0, 0);
			view.window().toFront();
			view.canvas().requestFocus();
		});
		robot.waitForIdle();
		IJ_wait(500);
		return a;
	}

	@Test
	public void strokeAcceptUndoWithRealEvents() throws Exception {
		final AnnotationSession a = open(0, 1, 2);
		assertEquals(0, a.current().orElseThrow().patch().id());
		final int[] listed = new int[1];
		EventQueue.invokeAndWait(() -> listed[0] = view.panel().list.getItemCount());
		assertEquals(3, listed[0], "a project's pending round is listed when the view opens");
		key(KeyEvent.VK_CLOSE_BRACKET);
		key(KeyEvent.VK_CLOSE_BRACKET);
		waitFor(() -> a.brushRadius() == 6, 10, "] grows the brush");
		key(KeyEvent.VK_OPEN_BRACKET);
		waitFor(() -> a.brushRadius() == 5, 10, "[ shrinks the brush");
		key(KeyEvent.VK_N);
		waitFor(() -> a.currentIndex() == 1, 10, "n: next");
		key(KeyEvent.VK_P);
		waitFor(() -> a.currentIndex() == 0, 10, "p: previous");
		// a horizontal stroke across the border of patches 0 and 1
		final int[] seg = drag(40, 30, 90, 30);
		waitFor(() -> view.unsavedStrokes() == 0, 30, "stroke saved");
		a.flush();
		for (final int id : new int[] { 0, 1 })
			assertStroke(id, LabelKind.SCRIBBLE, seg, 5, Masks.IGNORE);
		key(KeyEvent.VK_ENTER);
		waitFor(() -> project.project().labels().get(0).map(l -> l
			.kind() == LabelKind.DENSE).orElse(false), 30, "Enter accepts");
		assertStroke(0, LabelKind.DENSE, seg, 5, Masks.BACKGROUND);
		waitFor(() -> a.currentIndex() == 1, 10, "moves to the next pending");
		robot.keyPress(KeyEvent.VK_CONTROL);
		key(KeyEvent.VK_Z);
		robot.keyRelease(KeyEvent.VK_CONTROL);
		waitFor(() -> project.project().labels().get(0).map(l -> l
			.kind() == LabelKind.SCRIBBLE).orElse(false), 30, "Ctrl+Z undoes");
		assertStroke(0, LabelKind.SCRIBBLE, seg, 5, Masks.IGNORE);
		waitFor(() -> a.suggestions().get(0).state() == SuggestionState.PENDING,
			10, "pending again");
		robot.keyPress(KeyEvent.VK_CONTROL);
		key(KeyEvent.VK_Y);
		robot.keyRelease(KeyEvent.VK_CONTROL);
		waitFor(() -> a.suggestions().get(0).state() == SuggestionState.ACCEPTED,
			30, "Ctrl+Y redoes");
		GuiWindows.screenshot(new File("target", "annotation-stroke.png"));
	}

	@Test
	public void coldStartHeatmapRetrainWhilePainting() throws Exception {
		final AnnotationSession a = open();
		// no round yet: the view starts a cold-start round by itself
		waitFor(() -> !a.suggestions().isEmpty() && a.task().isEmpty(), 300,
			"cold-start round");
		assertTrue(a.status().note().contains("cold start"), a.status().note());
		IJ_wait(1500);
		final File png = new File("target", "annotation-heatmap.png");
		GuiWindows.screenshot(png);
		assertTrue(warmShare(ImageIO.read(png), canvasOnScreen()) > 0.2,
			"warm heatmap colours over the EM");
		// accept two suggestions, each with a stroke
		for (int i = 0; i < 2; i++) {
			waitFor(() -> a.current().isPresent(), 10, "a current suggestion");
			final Patch p = a.current().get().patch();
			waitFor(() -> view.image().getCurrentSlice() == p.z() + 1, 10,
				"jumped to its slice");
			IJ_wait(300);
			drag(p.x() + 10, p.y() + 20, p.x() + 50, p.y() + 20);
			final int before = a.status().accepted();
			key(KeyEvent.VK_ENTER);
			waitFor(() -> a.status().accepted() == before + 1, 30, "accepted");
		}
		key(KeyEvent.VK_R);
		waitFor(() -> a.task().isPresent(), 30, "r starts a retrain");
		// paint on the current slice while the retrain runs
		final Patch q = a.current().orElseThrow().patch();
		final List<int[]> strokes = new ArrayList<>();
		for (int i = 0; i < 6 && a.task().isPresent(); i++)
			strokes.add(drag(q.x() + 5, q.y() + 5 + 9 * i, q.x() + 40, q.y() + 5 + 9 *
				i));
		waitFor(() -> a.task().isEmpty(), 300, "retrain finished");
		waitFor(() -> view.unsavedStrokes() == 0, 30, "strokes saved");
		a.flush();
		assertTrue(a.status().modelVersion() > 0, "a new model version");
		IJ_wait(500);
		windowShot(new File("target", "annotation-view.png"));
		assertFalse(strokes.isEmpty());
		final byte[] mask = project.project().labels().get(q.id()).orElseThrow()
			.mask();
		for (final int[] s : strokes)
			for (int x = s[0]; x <= s[2]; x++)
				assertEquals(Masks.FOREGROUND, mask[(s[1] - q.y()) * 64 + x - q.x()],
					"stroke at y " + s[1] + " x " + x + " kept");
		// the loop goes on: s suggests the next round (now with stream A), paint it
		key(KeyEvent.VK_S);
		waitFor(() -> a.status().round() == 2 && a.task().isEmpty() && a.current()
			.isPresent(), 300, "s: the next round");
		assertFalse(a.status().note().contains("cold start"), a.status().note());
		final Patch n = a.current().get().patch();
		waitFor(() -> view.image().getCurrentSlice() == n.z() + 1, 10,
			"jumped to the new round's first patch");
		IJ_wait(300);
		final int[] seg = drag(n.x() + 10, n.y() + 30, n.x() + 50, n.y() + 30);
		final int before = a.status().accepted();
		key(KeyEvent.VK_ENTER);
		waitFor(() -> a.status().accepted() == before + 1, 30, "accepted");
		final PatchLabel accepted = project.project().labels().get(n.id())
			.orElseThrow();
		assertEquals(LabelKind.DENSE, accepted.kind());
		for (int x = seg[0]; x <= seg[2]; x++)
			assertEquals(Masks.FOREGROUND, accepted.mask()[(seg[1] - n.y()) * 64 + x -
				n.x()], "new round's stroke at x " + x);
	}

	// -- Helpers --

	/** Drags the mouse from image (x0, y) to (x1, y); returns the image segment the canvas saw. */
	private int[] drag(final int x0, final int y0, final int x1, final int y1)
		throws Exception
	{
		final Point a = screen(x0, y0), b = screen(x1, y1);
		robot.mouseMove(a.x, a.y);
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		final int steps = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
		for (int i = 1; i <= steps; i += 3) {
			robot.mouseMove(a.x + (b.x - a.x) * i / steps, a.y + (b.y - a.y) * i /
				steps);
		}
		robot.mouseMove(b.x, b.y);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		robot.waitForIdle();
		final int[] seg = new int[4];
		EventQueue.invokeAndWait(() -> {
			final Point o = view.canvas().getLocationOnScreen();
			seg[0] = view.canvas().offScreenX(a.x - o.x);
			seg[1] = view.canvas().offScreenY(a.y - o.y);
			seg[2] = view.canvas().offScreenX(b.x - o.x);
			seg[3] = view.canvas().offScreenY(b.y - o.y);
		});
		return seg;
	}

	/** The screen point of an image pixel's centre. */
	private Point screen(final int x, final int y) throws Exception {
		final Point[] p = new Point[1];
		EventQueue.invokeAndWait(() -> {
			final Point o = view.canvas().getLocationOnScreen();
			final double m = view.canvas().getMagnification();
			p[0] = new Point(o.x + view.canvas().screenX(x) + (int) (m / 2), o.y +
				view.canvas().screenY(y) + (int) (m / 2));
		});
		return p[0];
	}

	/** A screenshot of the view's window only. */
	private void windowShot(final File png) throws Exception {
		final Rectangle[] r = new Rectangle[1];
		EventQueue.invokeAndWait(() -> r[0] = new Rectangle(view.window()
			.getLocationOnScreen(), view.window().getSize()));
		ImageIO.write(robot.createScreenCapture(r[0]), "png", png);
	}

	private Rectangle canvasOnScreen() throws Exception {
		final Rectangle[] r = new Rectangle[1];
		EventQueue.invokeAndWait(() -> r[0] = new Rectangle(view.canvas()
			.getLocationOnScreen(), view.canvas().getSize()));
		return r[0];
	}

	/** The store holds exactly the stroke (radius r) in the patch; elsewhere {@code rest}. */
	private void assertStroke(final int id, final LabelKind kind, final int[] seg,
		final int r, final byte rest)
	{
		final Patch p = project.grid().get(id);
		final PatchLabel l = project.project().labels().get(id).orElseThrow();
		assertEquals(kind, l.kind());
		int painted = 0;
		for (int y = 0; y < 64; y++)
			for (int x = 0; x < 64; x++) {
				final int ix = p.x() + x, iy = p.y() + y;
				final int cx = Math.max(seg[0], Math.min(seg[2], ix));
				final long d2 = (long) (ix - cx) * (ix - cx) + (long) (iy - seg[1]) *
					(iy - seg[1]);
				final boolean in = d2 <= r * r + r;
				if (in) painted++;
				assertEquals(in ? Masks.FOREGROUND : rest, l.mask()[y * 64 + x],
					"patch " + id + " pixel " + x + "," + y);
			}
		assertTrue(painted > 0, "the stroke crosses patch " + id);
	}

	/** Share of canvas pixels in warm colours (red clearly above blue). */
	private static double warmShare(final BufferedImage shot,
		final Rectangle canvas)
	{
		final Rectangle r = canvas.intersection(new Rectangle(shot.getWidth(), shot
			.getHeight()));
		int warm = 0, n = 0;
		for (int y = r.y; y < r.y + r.height; y += 2)
			for (int x = r.x; x < r.x + r.width; x += 2) {
				final int c = shot.getRGB(x, y);
				final int red = (c >> 16) & 0xff, blue = c & 0xff;
				if (red > blue + 40) warm++;
				n++;
			}
		return (double) warm / n;
	}

	private void key(final int code) {
		robot.keyPress(code);
		robot.keyRelease(code);
		robot.waitForIdle();
	}

	private static void waitFor(final BooleanSupplier ok, final int seconds,
		final String what) throws InterruptedException
	{
		final long end = System.nanoTime() + seconds * 1_000_000_000L;
		while (!ok.getAsBoolean()) {
			if (System.nanoTime() > end) throw new AssertionError("timed out: " +
				what);
			Thread.sleep(50);
		}
	}

	private static void IJ_wait(final int ms) throws InterruptedException {
		Thread.sleep(ms);
	}
}
