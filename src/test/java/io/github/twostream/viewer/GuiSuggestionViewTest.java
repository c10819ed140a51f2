package io.github.twostream.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.List;


import org.junit.jupiter.api.AfterEach;
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
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
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
		GuiWindows.needDisplay();
	}

	@AfterEach
	public void closeWindows() throws Exception {
		GuiWindows.closeAll();
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
		assertTrue(GuiWindows.resultsWindow() != null, "Results window");
		assertEquals(ranked.size(), ResultsTable.getResultsTable().size());
		assertNotNull(heat.getWindow(), "heatmap window");
		GuiWindows.layOut(imp, heat, rm);
		GuiWindows.screenshot(new File("target", "gui-screenshot.png"));
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
			final GenericDialog gd = GuiWindows.waitForDialog("Show suggestions");
			GuiWindows.screenshot(new File("target", "gui-dialog.png"));
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

}
