package io.github.twostream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.bench.AnnotationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench-view [--work DIR] [--strokes N] [--steps N]}: annotation view figures (needs a display). */
@Command(name = "bench-view", mixinStandardHelpOptions = true,
	description = "Benchmark the annotation view on 1024 x 1024 slices: stroke-to-repaint latency, heatmap layer switch, accept-to-saved, event-thread stall during a retrain (needs a display, e.g. xvfb-run).")
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

	@Override
	public Integer call() throws Exception {
		final Path dir = work != null ? work : Files.createTempDirectory(
			"twostream-bench-view");
		new AnnotationBenchmark(System.out, strokes, steps, epochs).run(dir);
		System.out.println("Work folder: " + dir);
		return 0;
	}
}
