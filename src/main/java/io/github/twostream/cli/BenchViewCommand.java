package io.github.twostream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.bench.AnnotationBenchmark;
import io.github.twostream.bench.AnnotationWalkthrough;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-view [--work DIR] [--strokes N] [--steps N]}: annotation view
 * figures; {@code bench-view --walkthrough DATA}: the whole loop in the view on
 * real EM with the ground truth as the expert (both need a display).
 */
@Command(name = "bench-view", mixinStandardHelpOptions = true,
	description = { "Benchmark the annotation view on 1024 x 1024 slices: stroke-to-repaint latency, heatmap layer switch, accept-to-saved, event-thread stall during a retrain (needs a display, e.g. xvfb-run).",
		"With --walkthrough DATA: new project -> view (cold-start round) -> 16 patches painted from the ground truth and accepted -> retrain -> suggest next -> paint, timed, with screenshots before and after the retrain in the work folder and the IoU on 3 test slices." })
public class BenchViewCommand implements Callable<Integer> {

	@Option(names = "--work", paramLabel = "DIR",
		description = "New folder for the generated stack and project (default: a temporary folder).")
	Path work;

	@Option(names = "--strokes", defaultValue = "400", paramLabel = "N",
		description = "Stroke segments to time (default: ${DEFAULT-VALUE}).")
	int strokes;

	@Option(names = "--steps", defaultValue = "100", paramLabel = "N",
		description = "Training steps of the retrain (default: ${DEFAULT-VALUE}).")
	int steps;

	@Option(names = "--encoder-epochs", defaultValue = "2", paramLabel = "N",
		description = "Encoder epochs of the cold-start round (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--walkthrough", paramLabel = "DATA",
		description = "Run the walk-through on this folder (train-images.tif, train-labels.tif, test-images.tif, test-labels.tif, e.g. ../shared/data/lucchi) instead of the benchmark.")
	Path walkthrough;

	@Option(names = "--slices", defaultValue = "20", paramLabel = "N",
		description = "Walk-through: use the first N training slices as a substack in the work folder (0: all; default: ${DEFAULT-VALUE}).")
	int slices;

	@Override
	public Integer call() throws Exception {
		if (walkthrough != null) {
			final Path dir = work != null ? work : Files.createTempDirectory(
				"twostream-walkthrough");
			new AnnotationWalkthrough(System.out, slices, steps, 3).run(walkthrough,
				dir, dir);
			return 0;
		}
		final Path dir = work != null ? work : Files.createTempDirectory(
			"twostream-bench-view");
		new AnnotationBenchmark(System.out, strokes, steps, epochs).run(dir);
		System.out.println("Work folder: " + dir);
		return 0;
	}
}
