package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.twostream.cli.CostModelCommandTest;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionFixtures;

/**
 * Real ImageJ 1 macros, run headless in a patched ImageJ 1 (ij1-patcher) that
 * finds {@code Show suggestions} through plugins.config, as Fiji does.
 */
public class HeadlessMacroTest {

	private static HeadlessImageJ ij;

	@TempDir
	Path tmp;

	@BeforeAll
	public static void start() {
		ij = HeadlessImageJ.ofJavaClassPath();
	}

	@AfterAll
	public static void stop() {
		ij.close();
	}

	@Test
	public void macroCallsCommandByMenuLabelWithPathsWithSpaces()
		throws IOException
	{
		final Path in = tmp.resolve("my data");
		final Path csv = SuggestionFixtures.writeCsv(in.resolve("next patches.csv"));
		final Path tif = SuggestionFixtures.writeImage(in.resolve("em stack.tif"));
		final Path out = tmp.resolve("results here");
		final Path count = tmp.resolve("n results.txt");
		final String macro = String.join("\n", //
			"run(\"Show suggestions\", \"suggestions=[" + csv + "] image=[" + tif +
				"] top_k=4 output_dir=[" + out + "] heatmap\");", //
			"File.saveString(\"\" + nResults, \"" + count + "\");", //
			"print(\"rank of row 0: \" + getResult(\"rank\", 0));");
		ij.runMacro(macro, "");
		assertEquals("4", Files.readString(count).trim(), "nResults == k");
		assertEquals(4, ViewerZips.count(out.resolve(IJ1SuggestionView.ROI_ZIP)));
		final ResultsTable rt = ResultsTable.open(out.resolve(
			IJ1SuggestionView.RESULTS_CSV).toString());
		assertEquals(4, rt.size());
		final ImagePlus heat = IJ.openImage(out.resolve(
			IJ1SuggestionView.HEATMAP_TIFF).toString());
		assertEquals(32, heat.getBitDepth());
		assertEquals(SuggestionFixtures.DEPTH, heat.getNSlices());
	}

	/**
	 * THE acceptance macro, {@code examples/suggest.ijm}: a new project from a
	 * test volume (paths with spaces), encoder, labels from a mask, task model,
	 * then 8 suggestions as ROI zip, heatmap and Results (nResults == 8).
	 */
	@Test
	public void exampleMacroRunsTheWholeLoop() throws IOException {
		final Path data = tmp.resolve("em data");
		Files.createDirectories(data);
		for (final String f : new String[] { "train-volume.tif",
			"train-labels.tif" })
			Files.copy(Path.of("test-data", f), data.resolve(f));
		ij.runMacroFile(Path.of("examples", "suggest.ijm").toFile(), data
			.toString());

		final Path out = data.resolve("next patches");
		assertEquals("8", Files.readString(out.resolve("nresults.txt")).trim(),
			"nResults == k inside the macro");
		assertEquals(8, ViewerZips.count(out.resolve(IJ1SuggestionView.ROI_ZIP)));
		final ResultsTable rt = ResultsTable.open(out.resolve(
			IJ1SuggestionView.RESULTS_CSV).toString());
		assertEquals(8, rt.size());
		for (int i = 0; i < rt.size(); i++)
			assertEquals(i + 1, rt.getValue("rank", i));
		final ImagePlus heat = IJ.openImage(out.resolve(
			IJ1SuggestionView.HEATMAP_TIFF).toString());
		assertEquals(32, heat.getBitDepth());
		assertEquals(256, heat.getWidth());
		assertEquals(16, heat.getNSlices());
		// both streams and the combined score: a task model was trained (with
		// MC passes) and the encoder embedded every patch
		final String info = String.valueOf(heat.getProperty("Info"));
		for (final String channel : new String[] { "entropy", "margin", "bald",
			"typicality", "novelty", "combined" })
			assertTrue(info.contains(channel), info);
		assertEquals(6, heat.getNChannels());
		assertTrue(Files.isDirectory(data.resolve("al project")), "project");
	}

	@Test
	public void commandErrorStopsTheMacroWithItsMessage() throws IOException {
		final Path marker = tmp.resolve("after.txt");
		final UserException e = assertThrows(UserException.class, () -> ij
			.runMacro("run(\"Show suggestions\", \"suggestions=[" + tmp.resolve(
				"no such.csv") + "] image=[x y.tif]\");\n" +
				"File.saveString(\"ran on\", \"" + marker + "\");", ""));
		assertTrue(e.getMessage().contains(
			"Show suggestions: error: Suggestions file not found"), e.getMessage());
		assertTrue(!Files.exists(marker), "macro stopped at the error");
	}

	@Test
	public void missingRequiredParametersHeadlessAreAClearError() {
		final UserException e = assertThrows(UserException.class, () -> ij
			.runMacro("run(\"Show suggestions\");", ""));
		assertTrue(e.getMessage().contains("missing suggestions, image"), e
			.getMessage());
	}

	@Test
	public void macroSyntaxErrorIsReported() {
		final UserException e = assertThrows(UserException.class, () -> ij
			.runMacro("x = ;", ""));
		assertTrue(e.getMessage().startsWith("macro error"), e.getMessage());
	}

	@Test
	public void annotationCostMacroOnlyReadsTheProject() throws Exception {
		final Path project = CostModelCommandTest.timedProject(tmp);
		final Path marker = tmp.resolve("after.txt");
		ij.runMacro("run(\"Annotation cost\", \"project=[" + project + "]\");\n" +
			"File.saveString(\"done\", \"" + marker + "\");", "");
		assertEquals("done", Files.readString(marker));
		// NB: a measurement only reads the project: labels and timings stay
		try (Project p = Project.open(project)) {
			assertEquals(12, p.labels().count());
			assertEquals(13, p.annotationLog().allSeconds().size());
		}
	}

	@Test
	public void annotationCostWithoutTimingsStopsTheMacroWithTheFix() throws Exception {
		final Path image = CostModelCommandTest.timedProject(tmp).resolveSibling(
			"em.tif");
		final Path empty = tmp.resolve("no timings");
		final UserException e = assertThrows(UserException.class, () -> ij
			.runMacro("run(\"New project...\", \"image=[" + image + "] project=[" +
				empty + "] patch_size=64 stride=64\");\n" +
				"run(\"Annotation cost\", \"project=[" + empty + "]\");", ""));
		assertTrue(e.getMessage().contains("Annotation cost: error:") && e
			.getMessage().contains("accept at least 3 patches in the annotation view"),
			e.getMessage());
	}
}
