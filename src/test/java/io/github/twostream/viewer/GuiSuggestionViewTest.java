package io.github.twostream.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Frame;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ij.Executer;
import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.text.TextWindow;
import io.github.twostream.fiji.ShowSuggestionsPlugIn;
import io.github.twostream.util.Progress;

/**
 * The ImageJ 1 view with real windows: image with overlay, ROI Manager,
 * Results and heatmap. Needs a display (CI: xvfb-run); skips without one.
 * Leaves a screenshot in target/gui-screenshot.png.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class GuiSuggestionViewTest {

	@TempDir
	Path tmp;

	@BeforeEach
	public void needsDisplay() {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
			"no display (run under xvfb-run for GUI tests)");
		Interpreter.batchMode = false;
		// NB: as in Fiji, an ImageJ instance (its main window hidden) owns the
		// Results and ROI Manager windows.
		if (IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
	}

	@AfterEach
	public void closeWindows() throws Exception {
		if (GraphicsEnvironment.isHeadless()) return;
		java.awt.EventQueue.invokeAndWait(() -> {
			for (final int id : WindowManager.getIDList() == null ? new int[0]
				: WindowManager.getIDList())
			{
				final ImagePlus imp = WindowManager.getImage(id);
				imp.changes = false;
				imp.close();
			}
			if (resultsWindow() instanceof TextWindow tw) tw.close(false);
			if (RoiManager.getInstance() != null) RoiManager.getInstance().close();
		});
	}

	@Test
	public void showsOverlayRoiManagerResultsAndHeatmap() throws Exception {
		final int w = 384, h = 256, d = 2, patch = 64;
		final ImagePlus imp = IJ.createImage("EM", "8-bit ramp", w, h, d);
		final List<SuggestionRow> rows = SuggestionFixtures.rows(w, h, d, patch);
		final List<SuggestionRow> ranked = SuggestionRows.suggested(rows, 0);
		final IJ1SuggestionView view = new IJ1SuggestionView(null, true);
		assertTrue(view.showSuggestions(imp, ranked).isEmpty(), "no file");
		view.showTable(ranked);
		final ImagePlus heat = AcquisitionHeatmaps.build(w, h, d, rows,
			Progress.NONE);
		view.showHeatmap(heat);
		IJ.wait(500);
		imp.setSlice((int) ranked.get(0).z() + 1);
		assertNotNull(imp.getWindow(), "image window");
		assertEquals(2 * ranked.size(), imp.getOverlay().size());
		final RoiManager rm = RoiManager.getInstance();
		assertNotNull(rm, "ROI Manager open");
		assertEquals(ranked.size(), rm.getCount());
		assertEquals(SuggestionRois.name(ranked.get(0), 1), rm.getName(0));
		assertTrue(resultsWindow() != null, "Results window");
		assertEquals(ranked.size(), ResultsTable.getResultsTable().size());
		assertNotNull(heat.getWindow(), "heatmap window");
		layOut(imp, heat, rm);
		screenshot(new File("target", "gui-screenshot.png"));
	}

	@Test
	public void twinRunFromMacroOptionsOpensWindows() throws Exception {
		final Path csv = SuggestionFixtures.writeCsv(tmp.resolve("a b/s.csv"));
		final Path tif = SuggestionFixtures.writeImage(tmp.resolve("a b/em.tif"));
		// NB: what run("Show suggestions", "...") does: options for a thread
		// whose name marks it as running a command ("Run$_"), else ImageJ
		// ignores them and the twin would show its dialog.
		final String options = "suggestions=[" + csv + "] image=[" + tif +
			"] top_k=2 heatmap ";
		final Thread t = new Thread(() -> {
			Macro.setOptions(options);
			try {
				new ShowSuggestionsPlugIn().run("");
			}
			finally {
				Macro.setOptions(null);
			}
		}, "Run$_twin test");
		t.start();
		t.join(60_000);
		IJ.wait(300);
		final ImagePlus shown = WindowManager.getImage("em.tif");
		assertNotNull(shown, "image shown");
		assertEquals(4, shown.getOverlay().size());
		assertEquals(2, RoiManager.getInstance().getCount());
		assertEquals(2, ResultsTable.getResultsTable().size());
		assertNotNull(WindowManager.getImage("Acquisition heatmap"));
	}

	@Test
	public void dialogFromTheMenuRunsAndIsRecorded() throws Exception {
		final Path csv = SuggestionFixtures.writeCsv(tmp.resolve("c d/s.csv"));
		final Path tif = SuggestionFixtures.writeImage(tmp.resolve("c d/em.tif"));
		// NB: as plugins.config does in Fiji's plugins/ folder
		@SuppressWarnings("unchecked")
		final java.util.Hashtable<String, String> commands = Menus.getCommands();
		commands.put("Show suggestions", ShowSuggestionsPlugIn.class.getName());
		final Recorder recorder = new Recorder();
		Recorder.record = true;
		// NB: what a menu click does (own thread, recorded); IJ.run would not record
		new Executer("Show suggestions", null);
		try {
			final GenericDialog gd = waitForDialog("Show suggestions");
			screenshot(new File("target", "gui-dialog.png"));
			java.awt.EventQueue.invokeAndWait(() -> {
				final List<?> text = gd.getStringFields();
				((TextField) text.get(0)).setText(csv.toString()); // suggestions
				((TextField) text.get(1)).setText(tif.toString()); // image
				((TextField) gd.getNumericFields().get(0)).setText("3"); // top_k
				gd.actionPerformed(new ActionEvent(gd.getButtons()[0],
					ActionEvent.ACTION_PERFORMED, "OK"));
			});
			String recorded = recorder.getText();
			for (int i = 0; i < 300 && !recorded.contains("Show suggestions"); i++) {
				Thread.sleep(100);
				recorded = recorder.getText();
			}
			assertEquals(3, ResultsTable.getResultsTable().size());
			assertTrue(recorded.contains("run(\"Show suggestions\", \"suggestions=[" +
				csv + "] image=[" + tif + "] top_k=3 "), recorded);
			assertTrue(recorded.contains(" heatmap\");"), recorded);
		}
		finally {
			Recorder.record = false;
			recorder.close();
		}
	}

	private static GenericDialog waitForDialog(final String title)
		throws InterruptedException
	{
		for (int i = 0; i < 300; i++) {
			for (final Window w : Window.getWindows())
				if (w instanceof GenericDialog gd && w.isVisible() && title.equals(gd
					.getTitle())) return gd;
			Thread.sleep(100);
		}
		throw new AssertionError("no dialog '" + title + "'");
	}

	private static Frame resultsWindow() {
		for (final Frame f : Frame.getFrames())
			if (f.isVisible() && "Results".equals(f.getTitle())) return f;
		return null;
	}

	private static void layOut(final ImagePlus imp, final ImagePlus heat,
		final RoiManager rm) throws Exception
	{
		java.awt.EventQueue.invokeAndWait(() -> {
			imp.getWindow().setLocation(0, 0);
			heat.getWindow().setLocation(0, imp.getWindow().getHeight() + 5);
			rm.setLocation(imp.getWindow().getWidth() + 10, 0);
			final Window results = resultsWindow();
			results.setLocation(imp.getWindow().getWidth() + 10, rm.getHeight() + 10);
		});
		IJ.wait(800);
	}

	private static void screenshot(final File png) throws Exception {
		final Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit()
			.getScreenSize());
		ImageIO.write(new Robot().createScreenCapture(screen), "png", png);
	}
}
