package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.twostream.bench.ModelBench;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.util.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code twostream bench-model}: task-model throughput and learning checks. */
@Command(name = "bench-model", mixinStandardHelpOptions = true,
	description = "Benchmark the task model (U-Net): training/inference " +
		"throughput of a preset; with --lucchi or --isbi, test IoU after training " +
		"on random labelled patches (one line per seed), or a timed retrain round.")
public class BenchModelCommand implements Callable<Integer> {

	@Option(names = "--seconds", defaultValue = "10",
		description = "Timed seconds per throughput figure (default ${DEFAULT-VALUE}).")
	double seconds;

	@Option(names = "--preset", defaultValue = ModelPreset.FAST,
		description = "Model preset: fast or accurate (default ${DEFAULT-VALUE}).")
	String preset;

	@Option(names = "--lucchi", paramLabel = "DIR",
		description = "Lucchi++ folder (train/test-images.tif and -labels.tif, 255 = foreground).")
	Path lucchi;

	@Option(names = "--isbi", paramLabel = "DIR",
		description = "ISBI 2012 folder (train-volume/labels.tif; slices 0-19 pool, 20-29 test; 0 = foreground).")
	Path isbi;

	@Option(names = "--patches", defaultValue = "200",
		description = "Random labelled 64x64 pool patches per seed; 0 = all (full supervision). Default ${DEFAULT-VALUE}.")
	int patches;

	@Option(names = "--seeds", defaultValue = "1", split = ",",
		description = "Seeds (patch draw and model), comma-separated (default ${DEFAULT-VALUE}).")
	List<Long> seeds;

	@Option(names = "--train-steps", defaultValue = "0",
		description = "Training steps; 0 = the preset's budget, as 'train' without --steps (default ${DEFAULT-VALUE}).")
	int trainSteps;

	@Option(names = "--test-slices", defaultValue = "0",
		description = "Test slices to predict, evenly spread (0 = all; default ${DEFAULT-VALUE}).")
	int testSlices;

	@Option(names = "--retrain", defaultValue = "0", paramLabel = "N",
		description = "Time a retrain round on N labelled patches instead of the IoU check.")
	int retrain;

	@Option(names = "--validation",
		description = "Evaluate on a validation split of the training slices (pool: first 60 %%, validation: last 30 %%) instead of the test data: for choosing settings.")
	boolean validation;

	@Option(names = "--average", defaultValue = "0", paramLabel = "N",
		description = "Mean of N weight snapshots over the last half of training " +
			"(0 = the last iterate, as 'train'; default ${DEFAULT-VALUE}).")
	int average;

	@Option(names = "--flips",
		description = "Also evaluate with test-time flips (4 orientations " +
			"averaged; same model and threshold).")
	boolean flips;

	@Option(names = "--sections", split = ",", paramLabel = "N",
		description = "Also evaluate with each slice's probabilities averaged " +
			"over N neighbouring sections on each side (weights N+1-|dz|; same " +
			"model and threshold; several: 1,2; default: not).")
	List<Integer> sections;

	@Option(names = "--elastic", defaultValue = "-1", paramLabel = "PIXELS",
		description = "Elastic deformation of the training windows: standard " +
			"deviation in pixels of the control-point displacements (0 = none; " +
			"default: the preset's).")
	float elastic;

	@Option(names = "--input-sections", defaultValue = "-1", paramLabel = "N",
		description = "2.5-D input: the network sees each slice with N " +
			"neighbouring sections on each side as 2N+1 channels (0 = 2-D; " +
			"default: the preset's).")
	int inputSections;

	@Option(names = "--max-threshold", defaultValue = "0", paramLabel = "T",
		description = "Also score every evaluation at the threshold the held-out " +
			"calibration chooses among 0.30..T (the product's range ends at " +
			"0.70; default ${DEFAULT-VALUE} = not).")
	double maxThreshold;

	@Option(names = "--own-threshold",
		description = "Also score every evaluation at the threshold calibrated " +
			"on the held-out patches predicted the same way (flips, section " +
			"averaging) instead of in one pass.")
	boolean ownThreshold;

	@Option(names = "--as-predict",
		description = "Also evaluate as 'predict' does without options: " +
			"test-time flips and the section averaging it chooses for the test " +
			"stack's voxel size (the user's default; same model and threshold).")
	boolean asPredict;

	@Override
	public Integer call() {
		if (lucchi != null && isbi != null) throw new UserException(
			"--lucchi and --isbi were both given", "benchmark one data set per run");
		ModelPreset.named(preset, 64);
		new ModelBench(new ModelBench.Settings(seconds, lucchi != null ? lucchi
			: isbi, isbi != null ? ModelBench.Dataset.ISBI : ModelBench.Dataset.LUCCHI,
			preset, patches, seeds, retrain, validation, new ModelBench.Training(
				trainSteps, average, elastic, inputSections), new ModelBench.TestTime(
					testSlices, flips, sections == null ? List.of() : sections, maxThreshold,
					ownThreshold, asPredict)), System.out)
				.run(
				new ConsoleProgress());
		return 0;
	}
}
