package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import io.github.twostream.util.UserException;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionFixtures;

/** {@link ShowSuggestionsCommand} through a real, minimal SciJava context. */
public class ShowSuggestionsCommandTest {

	@TempDir
	Path tmp;

	private Context context;
	private boolean batch;

	@BeforeEach
	public void setUp() {
		context = new Context(CommandService.class, StatusService.class);
		batch = Interpreter.batchMode;
		Interpreter.batchMode = true; // no windows, also under Xvfb
	}

	@AfterEach
	public void tearDown() {
		context.dispose();
		Interpreter.batchMode = batch;
	}

	@Test
	public void showsTopKAndWritesFiles() throws Exception {
		final Path csv = SuggestionFixtures.writeCsv(tmp.resolve("in/s.csv"));
		final Path tif = SuggestionFixtures.writeImage(tmp.resolve("in/em.tif"));
		final Path out = tmp.resolve("out");
		final CommandModule m = context.service(CommandService.class).run(
			ShowSuggestionsCommand.class, true, "suggestions", csv.toFile(), "image",
			tif.toFile(), "top_k", 3, "output_dir", out.toFile()).get();
		assertEquals(3, m.getOutput("shown"));
		assertEquals(3, ResultsTable.getResultsTable().size());
		final ResultsTable rt = ResultsTable.open(out.resolve(
			IJ1SuggestionView.RESULTS_CSV).toString());
		assertEquals(3, rt.size());
		assertEquals(1, rt.getValue("rank", 0));
		assertTrue(Files.size(out.resolve(IJ1SuggestionView.ROI_ZIP)) > 0);
		final ImagePlus heat = IJ.openImage(out.resolve(
			IJ1SuggestionView.HEATMAP_TIFF).toString());
		assertEquals(SuggestionFixtures.WIDTH, heat.getWidth());
		assertEquals(SuggestionFixtures.DEPTH, heat.getNSlices());
		assertEquals(3, heat.getNChannels()); // entropy, novelty, combined
	}

	@Test
	public void headlessDefaultOutputIsTheCsvFolder() throws Exception {
		final Path csv = SuggestionFixtures.writeCsv(tmp.resolve("in/s.csv"));
		final Path tif = SuggestionFixtures.writeImage(tmp.resolve("in/em.tif"));
		final CommandModule m = context.service(CommandService.class).run(
			ShowSuggestionsCommand.class, true, "suggestions", csv.toFile(), "image",
			tif.toFile(), "heatmap", false).get();
		assertEquals(SuggestionFixtures.RANKED, m.getOutput("shown"));
		assertTrue(Files.isRegularFile(tmp.resolve("in").resolve(
			IJ1SuggestionView.ROI_ZIP)));
		assertFalse(Files.exists(tmp.resolve("in").resolve(
			IJ1SuggestionView.HEATMAP_TIFF)), "heatmap=false");
	}

	@Test
	public void missingImageIsAUserException() throws Exception {
		final Path csv = SuggestionFixtures.writeCsv(tmp.resolve("s.csv"));
		final ExecutionException e = assertThrows(ExecutionException.class,
			() -> context.service(CommandService.class).run(
				ShowSuggestionsCommand.class, true, "suggestions", csv.toFile(),
				"image", new File(tmp.toFile(), "nope.tif")).get());
		Throwable c = e;
		while (c != null && !(c instanceof UserException))
			c = c.getCause();
		assertTrue(c != null && c.getMessage().contains("Image not found"), String
			.valueOf(e));
	}
}
