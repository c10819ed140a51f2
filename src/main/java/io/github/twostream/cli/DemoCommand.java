package io.github.twostream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import ij.ImagePlus;
import io.github.twostream.store.OutputPaths;
import io.github.twostream.loop.Evaluation;
import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.SuggestionEngine;
import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.simulation.CurvePlot;
import io.github.twostream.simulation.CurvePoint;
import io.github.twostream.simulation.Curves;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.viewer.AcquisitionHeatmaps;
import io.github.twostream.viewer.HeatmapOverlays;
import io.github.twostream.viewer.SuggestionRow;
import io.github.twostream.viewer.SuggestionRows;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole loop on the bundled test-data (or real EM with {@code --real}):
 * train the structure encoder, then rounds of two-stream suggestions, oracle
 * labels from the ground truth and retraining, evaluated on a separate test
 * volume; writes suggestions, heatmaps and the learning curve.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Run the active-learning loop on test-data/ (or --real EM) and write suggestions, heatmaps and the learning curve.")
public class DemoCommand implements Callable<Integer> {

	@Option(names = "--data", paramLabel = "DIR",
		description = "Folder with train-volume.tif, train-labels.tif, test-volume.tif, test-labels.tif (default: the bundled test-data/).")
	Path data;

	@Option(names = "--real", arity = "0..1", fallbackValue = "../shared/data/lucchi",
		paramLabel = "LUCCHI_DIR",
		description = "Use real EM: the Lucchi++ folder (train-images.tif, train-labels.tif, test-images.tif, test-labels.tif; default ${FALLBACK-VALUE}).")
	Path real;

	@Option(names = "--out", paramLabel = "DIR",
		description = "Output folder (default: demo-out/run-DATE-TIME).")
	Path out;

	@Option(names = "--rounds", defaultValue = "3", paramLabel = "N")
	int rounds;

	@Option(names = { "-k", "--k" }, defaultValue = "8", paramLabel = "K",
		description = "Patches labelled per round (default: ${DEFAULT-VALUE}).")
	int k;

	@Option(names = "--steps", defaultValue = "150", paramLabel = "N",
		description = "Training steps per round (default: ${DEFAULT-VALUE}).")
	int steps;

	@Option(names = "--encoder-epochs", defaultValue = "5", paramLabel = "N")
	int encoderEpochs;

	@Override
	public Integer call() throws Exception {
		final long start = System.nanoTime();
		final Inputs in = inputs();
		final Path dir = out != null ? out : Path.of("demo-out", "run-" +
			LocalDateTime.now().format(DateTimeFormatter.ofPattern(
				"yyyyMMdd-HHmmss")));
		final List<String> outputs = new ArrayList<>(List.of("project",
			"next-suggestions.csv", "heatmap.png", "curves.csv", "learning-curve.png",
			"labels.tif"));
		for (int round = 1; round <= rounds; round++)
			outputs.add("round-" + round + "-suggestions.csv");
		OutputPaths.checkFolder(dir, "--out", outputs, Path.of(in.image), Path.of(
			in.labels), Path.of(in.testImage), Path.of(in.testLabels));
		Files.createDirectories(dir);
		final Progress progress = new ConsoleProgress();
		final List<CurvePoint> curve = new ArrayList<>();
		EncoderConfig encoder = SuggestSettings.defaults(64).encoder().withEpochs(
			encoderEpochs);
		if (real != null) encoder = new EncoderConfig(64, encoder.inputSize(),
			encoder.embeddingDim(), encoder.projectionDim(), encoder.baseFilters(),
			encoder.temperature(), encoder.batchSize(), encoderEpochs, 2000, encoder
				.learningRate(), encoder.seed());
		final SuggestSettings settings = SuggestSettings.defaults(64).withK(k)
			.withEncoder(encoder);
		final ModelPreset unet = ModelPreset.fast(64);
		try (ProjectSession s = ProjectSession.create(dir.resolve("project"),
			in.image, 64, 64);
				Volume testImage = Volumes.open(in.testImage);
				LabelImage testLabels = LabelImages.open(in.testLabels, testImage))
		{
			for (int round = 1; round <= rounds; round++) {
				final long t0 = System.nanoTime();
				final SuggestionEngine engine = new SuggestionEngine(s, settings,
					progress);
				engine.process();
				final SuggestionResult r = engine.getResult();
				r.writeCsv(dir.resolve("round-" + round + "-suggestions.csv"), false);
				LabelTransfer.importPatches(s, in.labels, r.selection().ids(), 255);
				try (TaskStage.Trained t = TaskStage.train(s, unet, steps, false,
					progress))
				{
					progress.status("Evaluating on the test volume");
					final Evaluation.Scores e = Evaluation.evaluate(t.model(), testImage,
						testLabels, 255, real != null ? 6 : 0, progress);
					final double secs = (System.nanoTime() - t0) / 1e9;
					// NB: no simulated annotation time or oracle IoU in the demo
					curve.add(new CurvePoint("two-stream", settings.seed(), round, s
						.project().labels().count(), e.iou(), e.dice(), secs, Double.NaN, t
							.model().threshold(), Double.NaN, Double.NaN));
					System.out.println(String.format(Locale.ROOT,
						"Round %d: %d labelled patches, test IoU %.3f, Dice %.3f (%.0f s)",
						round, s.project().labels().count(), e.iou(), e.dice(), secs));
				}
			}
			// The next suggestions, as the annotator would see them.
			final SuggestionEngine next = new SuggestionEngine(s, settings, progress);
			next.process();
			final SuggestionResult r = next.getResult();
			SuggestCommand.write(s, r, dir);
			r.writeCsv(dir.resolve("next-suggestions.csv"), false);
			writeHeatPng(s.volume(), r, dir.resolve("heatmap.png"));
			final Curves curves = new Curves(curve);
			curves.write(dir.resolve("curves.csv"));
			CurvePlot.write(curves, Double.NaN, "Two-stream active learning (demo)",
				dir.resolve("learning-curve.png"));
			LabelTransfer.export(s, dir.resolve("labels.tif"));
		}
		System.out.println(String.format(Locale.ROOT,
			"Demo finished in %.0f s. Output: %s", (System.nanoTime() - start) / 1e9,
			dir.toAbsolutePath()));
		return 0;
	}

	/** The combined score over the slice of the first suggestion, as a PNG. */
	static void writeHeatPng(final Volume volume, final SuggestionResult r,
		final Path png)
	{
		final List<SuggestionRow> all = SuggestionRows.of(r, true);
		final List<SuggestionRow> suggested = SuggestionRows.of(r, false);
		final int z = suggested.isEmpty() ? 0 : (int) suggested.get(0).z();
		final ImagePlus heat = AcquisitionHeatmaps.build(volume.width(), volume
			.height(), volume.depth(), all, Progress.NONE);
		final int c = AcquisitionHeatmaps.channelNames(all).indexOf("combined") + 1;
		final float[] heatSlice = (float[]) heat.getStack().getPixels(heat
			.getStackIndex(c, z + 1, 1));
		HeatmapOverlays.writePng(HeatmapOverlays.render(volume.readSlice(z, null),
			heatSlice, volume.width(), volume.height(), z, suggested), png);
	}

	private record Inputs(String image, String labels, String testImage,
		String testLabels)
	{}

	private Inputs inputs() {
		if (real != null) return new Inputs(file(real, "train-images.tif"), file(
			real, "train-labels.tif"), file(real, "test-images.tif"), file(real,
				"test-labels.tif"));
		Path d = data;
		if (d == null) {
			final String home = System.getProperty("twostream.home");
			d = home != null ? Path.of(home, "test-data") : Path.of("test-data");
		}
		return new Inputs(file(d, "train-volume.tif"), file(d, "train-labels.tif"),
			file(d, "test-volume.tif"), file(d, "test-labels.tif"));
	}

	private static String file(final Path dir, final String name) {
		final Path p = dir.resolve(name);
		if (!Files.exists(p)) throw new UserException("Missing " + p,
			"run 'twostream generate-test-data " + dir +
				"' or give --data / --real with the four TIFFs");
		return p.toString();
	}
}
