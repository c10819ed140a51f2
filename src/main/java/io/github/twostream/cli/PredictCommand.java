package io.github.twostream.cli;

import io.github.twostream.store.OutputPaths;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.loop.Predictions;
import io.github.twostream.model.PixelPredictor;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.model.TaskModel;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code predict PROJECT [--image IMAGE] [--out PROB.tif] [--mask MASK.tif]}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
	description = "Predict foreground probabilities (32-bit TIFF) and/or the segmentation at the model's calibrated threshold (8-bit, 255 = foreground) with the latest task model, slice by slice.")
public class PredictCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--image", paramLabel = "IMAGE",
		description = "Image to predict (default: the project's image).")
	String image;

	@Option(names = "--out", paramLabel = "PROB.tif",
		description = "Foreground probabilities (32-bit).")
	Path out;

	@Option(names = "--mask", paramLabel = "MASK.tif",
		description = "Segmentation at the threshold (8-bit, 0 / 255).")
	Path mask;

	@Option(names = "--threshold", paramLabel = "T",
		description = "Threshold of --mask (default: the model version's, calibrated on held-out labelled patches).")
	Float threshold;

	@Option(names = "--flips", negatable = true, defaultValue = "true",
		fallbackValue = "true",
		description = "Test-time flips: the mean of 4 flipped predictions " +
			"(default; +0.02 foreground IoU on the Lucchi++ validation split, 4x " +
			"the time). --no-flips predicts once.")
	boolean flips;

	@Option(names = "--sections", paramLabel = "N",
		description = "Average each slice's probabilities with N neighbouring " +
			"sections on each side, weights N+1-|dz|; 0 = every slice alone. " +
			"Default: 6 if the image's calibration says its sections are as thick " +
			"as a pixel (+0.025..0.043 foreground IoU on Lucchi++ on top of the " +
			"flips, no extra prediction), 6 divided by the thickness in pixels if " +
			"at most 2, else 0 (-0.30 on ISBI 2012's 50 nm sections).")
	Integer sections;

	@Override
	public Integer call() {
		if (out == null && mask == null) throw new BadArgumentException(
			"nothing to write", "give --out PROB.tif and/or --mask MASK.tif");
		if (sections != null && sections < 0) throw new BadArgumentException("--sections " +
			sections + " is negative", "use 0 (each slice alone) or e.g. 6");
		if (threshold != null && !(threshold > 0 && threshold < 1))
			throw new BadArgumentException("--threshold " + threshold + " is not in (0, 1)",
				"use e.g. 0.5");
		try (ProjectSession s = ProjectSession.open(project)) {
			// NB: before the model loads: a refused output costs nothing
			final Path input = image == null ? null : Path.of(ProjectSession
				.filePart(image));
			if (out != null) OutputPaths.check(out, "--out", s.project(), input);
			if (mask != null) OutputPaths.check(mask, "--mask", s.project(), input,
				out);
			try (TaskModel m = Predictions.latestModel(s.project());
					Volume v = image == null ? null : Volumes.open(image))
			{
				final Volume target = v == null ? s.volume() : v;
				final String shape = target.width() + " x " + target.height() + " x " +
					target.depth();
				final PixelPredictor predictor = Predictions.predictor(m, flips);
				final float t = threshold != null ? threshold : m.threshold();
				final Predictions.Sections sec = sections != null
					? new Predictions.Sections(sections, "--sections") : Predictions
						.defaultSections(target);
				System.out.println(sec.describe());
				Predictions.write(predictor, target, out, t, mask, sec.radius(),
					new ConsoleProgress());
				if (out != null) System.out.println("Wrote " + shape +
					" probabilities to " + out);
				if (mask != null) System.out.println(String.format(Locale.ROOT,
					"Wrote the %s segmentation at threshold %.2f to %s", shape, t, mask));
			}
		}
		return 0;
	}
}
