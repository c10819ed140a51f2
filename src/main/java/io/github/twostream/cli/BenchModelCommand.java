package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.bench.ModelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code twostream bench-model}: task-model throughput and learning check. */
@Command(name = "bench-model", mixinStandardHelpOptions = true,
	description = "Benchmark the task model (U-Net): training/inference " +
		"throughput, Java glue overhead, optional learning check on Lucchi.")
public class BenchModelCommand implements Callable<Integer> {

	@Option(names = "--seconds", defaultValue = "10",
		description = "Timed seconds per throughput figure (default ${DEFAULT-VALUE}).")
	double seconds;

	@Option(names = "--lucchi", paramLabel = "DIR",
		description = "Folder with train/test-images.tif and -labels.tif: train on random patches, report test IoU.")
	Path lucchi;

	@Option(names = "--patches", defaultValue = "200",
		description = "Labelled training patches for the Lucchi check (default ${DEFAULT-VALUE}).")
	int patches;

	@Option(names = "--train-steps", defaultValue = "400",
		description = "Training steps for the Lucchi check (default ${DEFAULT-VALUE}).")
	int trainSteps;

	@Option(names = "--test-slices", defaultValue = "0",
		description = "Test slices to predict, evenly spread (0 = all; default ${DEFAULT-VALUE}).")
	int testSlices;

	@Override
	public Integer call() {
		new ModelBench(new ModelBench.Settings(seconds, lucchi, patches, trainSteps,
			testSlices), System.out).run(new ConsoleProgress());
		return 0;
	}
}
