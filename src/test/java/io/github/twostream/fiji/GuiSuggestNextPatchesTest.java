package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ij.Executer;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;
import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.util.Progress;
import io.github.twostream.viewer.GuiWindows;
import io.github.twostream.viewer.IJ1SuggestionView;

/**
 * "Suggest next patches" from the menu, with real windows: its dialog, the
 * macro recorder's line (snake_case keys) and the replay of that line; and
 * "Predict" showing its result. Needs
 * a display (xvfb-run); skips without one. Screenshot:
 * target/gui-suggest.png.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class GuiSuggestNextPatchesTest {

	private static final String TITLE = "Suggest next patches";

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
	public void dialogRunsShowsAndRecordsSnakeCaseKeysThatReplay()
		throws Exception
	{
		final Path image = Files.createDirectories(tmp.resolve("em data")).resolve(
			"train volume.tif");
		Files.copy(Path.of("test-data", "train-volume.tif"), image);
		final Path project = tmp.resolve("my project");
		try (ProjectSession s = ProjectSession.create(project, image.toString(), 64,
			64))
		{
			// NB: a quick encoder; the command reuses it (StructureStage.configFor)
			StructureStage.ensure(s, SuggestSettings.withPatchSize(EncoderConfig
				.defaults(), 64).withEpochs(1), false, Progress.NONE);
		}
		@SuppressWarnings("unchecked")
		final java.util.Hashtable<String, String> commands = Menus.getCommands();
		commands.put(TITLE, SuggestNextPatchesPlugIn.class.getName());
		final Recorder recorder = new Recorder();
		Recorder.record = true;
		try {
			new Executer(TITLE, null); // a menu click: own thread, recorded
			final GenericDialog gd = GuiWindows.waitForDialog(TITLE);
			IJ.wait(1500); // NB: let the dialog paint
			GuiWindows.screenshot(new File("target", "gui-suggest-dialog.png"));
			java.awt.EventQueue.invokeAndWait(() -> {
				final List<?> text = gd.getStringFields(); // image, project, output_dir
				((TextField) text.get(1)).setText(project.toString());
				final List<?> numbers = gd.getNumericFields(); // k, mc_passes
				((TextField) numbers.get(0)).setText("3");
				((TextField) numbers.get(1)).setText("0");
				gd.actionPerformed(new ActionEvent(gd.getButtons()[0],
					ActionEvent.ACTION_PERFORMED, "OK"));
			});
			String recorded = recorder.getText();
			for (int i = 0; i < 1200 && !recorded.contains(TITLE); i++) {
				Thread.sleep(100);
				recorded = recorder.getText();
			}
			final String line = recorded.lines().filter(l -> l.contains(TITLE))
				.findFirst().orElseThrow(() -> new AssertionError("not recorded"));
			assertEquals("run(\"" + TITLE + "\", \"image=[] project=[" + project +
				"] k=3 strategy=two-stream output_dir=[] mc_passes=0\");", line
					.strip());

			// the windows: the project's image (virtual) with the overlay, ROI
			// Manager, Results (one row per suggestion) and the heatmap
			final ImagePlus shown = waitForImage("train volume.tif");
			assertEquals(2 * 3, shown.getOverlay().size());
			assertEquals(3, RoiManager.getInstance().getCount());
			assertEquals(3, ResultsTable.getResultsTable().size());
			assertNotNull(waitForImage("Acquisition heatmap"));
			assertTrue(Files.isRegularFile(project.resolve("suggestions/round-1")
				.resolve(IJ1SuggestionView.ROI_ZIP)));
			GuiWindows.layOut(shown, WindowManager.getImage("Acquisition heatmap"),
				RoiManager.getInstance());
			GuiWindows.screenshot(new File("target", "gui-suggest.png"));

			// the recorded line replays (as a batch macro: files only)
			IJ.runMacro("setBatchMode(true);\n" + line);
			assertTrue(Files.isRegularFile(project.resolve("suggestions/round-2")
				.resolve(IJ1SuggestionView.HEATMAP_TIFF)), "replayed");
			assertEquals(3, ResultsTable.getResultsTable().size());
		}
		finally {
			Recorder.record = false;
			recorder.close();
		}
	}

	@Test
	public void predictShowsTheProbabilities() throws Exception {
		final Path data = Files.createDirectories(tmp.resolve("em data"));
		final Path image = Files.copy(Path.of("test-data", "train-volume.tif"), data
			.resolve("train volume.tif"));
		final Path mask = Files.copy(Path.of("test-data", "train-labels.tif"), data
			.resolve("train labels.tif"));
		final Path project = tmp.resolve("my project");
		try (ProjectSession s = ProjectSession.create(project, image.toString(), 64,
			64))
		{
			LabelTransfer.importPatches(s, mask.toString(), new int[] { 0, 5 }, 255);
			TaskStage.train(s, ModelPreset.fast(64).withUnet(UNetConfig.reference()),
				5, false, Progress.NONE)
				.close();
		}
		// NB: what run("Predict", "...") does: options for a "Run$_" thread
		final Thread t = new Thread(() -> {
			Macro.setOptions("project=[" + project + "] ");
			try {
				new PredictPlugIn().run("");
			}
			finally {
				Macro.setOptions(null);
			}
		}, "Run$_predict test");
		t.start();
		t.join(120_000);
		final ImagePlus prob = waitForImage("train volume-probabilities.tif");
		assertEquals(32, prob.getBitDepth());
		assertEquals(16, prob.getStackSize());
		assertTrue(Files.isRegularFile(project.resolve("predictions").resolve(
			"train volume-probabilities.tif")));
	}

	private static ImagePlus waitForImage(final String title)
		throws InterruptedException
	{
		for (int i = 0; i < 600; i++) {
			final ImagePlus imp = WindowManager.getImage(title);
			if (imp != null && imp.getWindow() != null) return imp;
			Thread.sleep(100);
		}
		throw new AssertionError("no image window '" + title + "'");
	}
}
