package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import io.github.twostream.acquisition.Strategies;
import io.github.twostream.cli.CostModelCommandTest;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionOutputs;

/**
 * The loop's Fiji commands through a real, minimal SciJava context, on the
 * test volume (256 x 256 x 16, 256 patches of 64 x 64), with real TensorFlow,
 * SQLite and ImageJ.
 */
public class LoopCommandsTest {

	@TempDir
	Path tmp;

	private Context context;
	private boolean batch;
	private Path image, mask, project;

	@BeforeEach
	public void setUp() throws Exception {
		context = new Context(CommandService.class, StatusService.class);
		batch = Interpreter.batchMode;
		Interpreter.batchMode = true; // no windows, also under Xvfb
		final Path data = Files.createDirectories(tmp.resolve("em data"));
		image = Files.copy(Path.of("test-data", "train-volume.tif"), data.resolve(
			"train volume.tif"));
		mask = Files.copy(Path.of("test-data", "train-labels.tif"), data.resolve(
			"train labels.tif"));
		project = tmp.resolve("my project");
	}

	@AfterEach
	public void tearDown() {
		context.dispose();
		Interpreter.batchMode = batch;
		WindowManager.setTempCurrentImage(null);
	}

	private CommandModule run(final Class<? extends Command> c,
		final Object... inputs) throws Exception
	{
		return context.service(CommandService.class).run(c, true, inputs).get();
	}

	private static String userMessage(final Throwable e) {
		for (Throwable c = e; c != null; c = c.getCause())
			if (c instanceof UserException u) return u.getMessage();
		throw new AssertionError("no UserException in " + e, e);
	}

	private void newProject() throws Exception {
		final CommandModule m = run(NewProjectCommand.class, "image", image
			.toFile(), "project", project.toFile(), "patch_size", 64);
		assertEquals(256, m.getOutput("patches"));
	}

	@Test
	public void newProjectLabelFromMaskAndExport() throws Exception {
		newProject();
		final CommandModule label = run(LabelFromMaskCommand.class, "project",
			project.toFile(), "mask", mask.toFile(), "patch_ids", "0, 5,17",
			"foreground", 255);
		assertEquals(3, label.getOutput("labelled"));
		assertEquals(3, label.getOutput("total"));

		final Path out = tmp.resolve("out put/labels.tif");
		Files.createDirectories(out.getParent());
		final CommandModule export = run(ExportProjectLabelsCommand.class,
			"project", project.toFile(), "output", out.toFile());
		assertEquals(3, export.getOutput("labelled"));
		final ImagePlus labels = IJ.openImage(out.toString());
		assertEquals(8, labels.getBitDepth());
		assertEquals(16, labels.getStackSize());
		// exactly the 3 labelled patches are non-zero (1 = bg, 2 = fg)
		final ImageStack stack = labels.getStack();
		long labelled = 0;
		for (int z = 1; z <= stack.getSize(); z++)
			for (final byte b : (byte[]) stack.getPixels(z))
				if (b != 0) labelled++;
		assertEquals(3 * 64 * 64, labelled);
	}

	@Test
	public void annotationCostOutputsTheFittedPace() throws Exception {
		final CommandModule m = run(MeasureAnnotationCostCommand.class, "project",
			CostModelCommandTest.timedProject(tmp).toFile());
		assertEquals(12, m.getOutput("timed_patches"));
		assertEquals(2.5, (double) m.getOutput("seconds_per_patch"), 1e-6);
		assertEquals(0.04, (double) m.getOutput("seconds_per_outline_pixel"), 1e-8);
		assertEquals(1, (double) m.getOutput("r_squared"), 1e-9);
	}

	@Test
	public void newProjectUsesTheCurrentImagesFile() throws Exception {
		final ImagePlus imp = IJ.openImage(image.toString());
		WindowManager.setTempCurrentImage(imp);
		// NB: as the twin does: the field's default is the current image's file
		final TwinParameters params = TwinParameters.of(NewProjectCommand.class);
		final Object dflt = params.list().stream().filter(p -> p.key().equals(
			"image")).findFirst().orElseThrow().defaultValue();
		assertEquals(image.toFile().getAbsoluteFile(), ((File) dflt)
			.getAbsoluteFile());
		final CommandModule m = run(NewProjectCommand.class, "project", project
			.toFile(), "patch_size", 128, "stride", 64);
		assertEquals(9 * 16, m.getOutput("patches"));
		try (Project p = Project.open(project)) {
			assertEquals(image.toAbsolutePath().normalize().toString(), p.image()
				.spec());
		}
	}

	@Test
	public void noImageHeadlessIsAClearError() {
		final ExecutionException e = assertThrows(ExecutionException.class,
			() -> run(NewProjectCommand.class, "project", project.toFile()));
		assertTrue(userMessage(e).startsWith(
			"No EM image given and no current image with a file -- give image="),
			userMessage(e));
		assertFalse(Files.exists(project));
	}

	@Test
	public void patchIdsParseOrFailClearly() {
		assertArrayEquals(new int[] { 1, 2, 3 }, LabelFromMaskCommand.ids(
			" 1, 2,3 "));
		assertArrayEquals(new int[] { 4, 5 }, LabelFromMaskCommand.ids("4 5"));
		assertTrue(assertThrows(UserException.class, () -> LabelFromMaskCommand
			.ids("1,x")).getMessage().contains("Patch id 'x' is not a number"));
		assertTrue(assertThrows(UserException.class, () -> LabelFromMaskCommand
			.ids(" ")).getMessage().contains("No patch ids"));
	}

	@Test
	public void strategyChoicesAreTheRegisteredStrategies() {
		final TwinParameter strategy = TwinParameters.of(
			SuggestNextPatchesCommand.class).list().stream().filter(p -> p.key()
				.equals("strategy")).findFirst().orElseThrow();
		assertEquals(new HashSet<>(Strategies.productNames()), new HashSet<>(strategy
			.choices()));
		assertEquals(Strategies.DEFAULT, strategy.defaultValue());
	}

	@Test
	public void trainSuggestAndPredict() throws Exception {
		newProject();
		final CommandModule enc = run(TrainStructureEncoderCommand.class,
			"project", project.toFile(), "epochs", 1);
		assertEquals(false, enc.getOutput("reused"));
		assertEquals(256, enc.getOutput("embedded"));
		run(LabelFromMaskCommand.class, "project", project.toFile(), "mask", mask
			.toFile(), "patch_ids", "0,5,10,15,66,73,130,201");
		final CommandModule train = run(RetrainTaskModelCommand.class, "project",
			project.toFile(), "steps", 10);
		assertTrue((long) train.getOutput("version") > 0);
		assertTrue(Double.isFinite((double) train.getOutput("loss")));

		// default output folder: <project>/suggestions/round-N; the encoder
		// trained with 1 epoch is reused (not retrained with the default 10)
		for (int round = 1; round <= 2; round++) {
			final CommandModule s = run(SuggestNextPatchesCommand.class, "project",
				project.toFile(), "k", 4, "mc_passes", 2);
			assertEquals(round, s.getOutput("round"));
			assertEquals(4, s.getOutput("suggested"));
			final Path dir = project.resolve("suggestions").resolve("round-" + round);
			assertEquals(dir.toFile(), s.getOutput("written_to"));
			assertEquals(4, ResultsTable.getResultsTable().size(), "nResults == k");
			assertEquals(4, ViewerZips.count(dir.resolve(IJ1SuggestionView.ROI_ZIP)));
			assertEquals(4, ResultsTable.open(dir.resolve(
				IJ1SuggestionView.RESULTS_CSV).toString()).size());
			assertEquals(6, IJ.openImage(dir.resolve(IJ1SuggestionView.HEATMAP_TIFF)
				.toString()).getNChannels());
			assertEquals(257, Files.readAllLines(dir.resolve(
				SuggestionOutputs.SCORES_CSV)).size(), "header + every patch");
		}
		try (Project p = Project.open(project)) {
			assertEquals(1, p.models().all(ModelKind.ENCODER).size(),
				"the encoder is trained once");
		}

		final CommandModule predict = run(PredictProbabilitiesCommand.class,
			"project", project.toFile());
		final File prob = (File) predict.getOutput("written");
		assertEquals(project.resolve("predictions").resolve(
			"train volume-probabilities.tif").toFile(), prob);
		final ImagePlus imp = IJ.openImage(prob.getPath());
		assertEquals(32, imp.getBitDepth());
		assertEquals(16, imp.getStackSize());
		final ij.process.ImageStatistics stats = new ij.process.StackStatistics(
			imp);
		assertTrue(stats.min >= 0 && stats.max <= 1 && stats.max > stats.min,
			stats.min + " .. " + stats.max);
		// macro key 'sections': the test data record no voxel size, so 'auto'
		// predicts every slice alone; 1 averages over neighbouring sections
		final File alone = tmp.resolve("averaged.tif").toFile();
		run(PredictProbabilitiesCommand.class, "project", project.toFile(),
			"output", alone, "sections", "1");
		final float[] a = (float[]) IJ.openImage(alone.getPath()).getStack()
			.getPixels(8), d = (float[]) imp.getStack().getPixels(8);
		double diff = 0;
		for (int i = 0; i < a.length; i++)
			diff += Math.abs(a[i] - d[i]);
		assertTrue(diff / a.length > 1e-6, "mean |averaged - alone| = " + diff /
			a.length);
		final ExecutionException bad = assertThrows(ExecutionException.class,
			() -> run(PredictProbabilitiesCommand.class, "project", project.toFile(),
				"output", tmp.resolve("bad.tif").toFile(), "sections", "two"));
		assertTrue(userMessage(bad).contains("sections 'two' is neither auto nor " +
			"a count"), userMessage(bad));
		assertFalse(Files.exists(tmp.resolve("bad.tif")));
	}

	@Test
	public void suggestOnAnImageOfAnotherSizeIsAClearError() throws Exception {
		newProject();
		final Path other = tmp.resolve("other image.tif");
		Files.copy(Path.of("test-data", "test-volume.tif"), other);
		final ExecutionException e = assertThrows(ExecutionException.class,
			() -> run(SuggestNextPatchesCommand.class, "project", project.toFile(),
				"image", other.toFile(), "k", 2, "mc_passes", 0));
		assertTrue(userMessage(e).contains("is 256 x 256 x 8 but the project's is " +
			"256 x 256 x 16"), userMessage(e));
		try (Project p = Project.open(project)) {
			assertTrue(p.models().all(ModelKind.ENCODER).isEmpty(),
				"checked before any training");
			assertTrue(p.queries().rounds().isEmpty(), "no round recorded");
		}
	}

	@Test
	public void simulateQuickOnTestData() throws Exception {
		final Path out = tmp.resolve("sim out");
		final Path testImage = Files.copy(Path.of("test-data", "test-volume.tif"),
			tmp.resolve("test volume.tif"));
		final Path testLabels = Files.copy(Path.of("test-data", "test-labels.tif"),
			tmp.resolve("test labels.tif"));
		final CommandModule m = run(SimulateActiveLearningCommand.class, "pool_image",
			image.toFile(), "pool_labels", mask.toFile(), "eval_image", testImage
				.toFile(), "eval_labels", testLabels.toFile(), "strategies", "random, two-stream",
			"budget", 16, "step", 8, "seeds", 1, "cold_start", "strategy", "quick",
			true, "output_dir", out.toFile());
		final double ref = (Double) m.getOutput("reference_iou");
		assertTrue(ref > 0 && ref <= 1, "reference IoU " + ref);
		// 2 strategies x 2 rounds
		assertEquals(5, Files.readAllLines(out.resolve("curves.csv")).size());
		assertTrue(Files.readString(out.resolve("summary.csv")).contains(
			"two-stream"));
		assertTrue(Files.size(out.resolve("curves.png")) > 1000);
		// NB: the macro key reaches the run (two-stream picked its own start)
		assertTrue(Files.readString(out.resolve("run.txt")).contains(
			"cold_start=strategy"));
	}
}
