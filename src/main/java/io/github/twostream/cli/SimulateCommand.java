package io.github.twostream.cli;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.store.OutputPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.simulation.SimulationConfig;
import io.github.twostream.simulation.SimulationReports;
import io.github.twostream.simulation.SimulationTuning;
import io.github.twostream.simulation.Simulator;
import io.github.twostream.simulation.SliceRange;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twostream simulate}: simulated active learning against ground truth
 * (a thin adapter over {@link Simulator}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
	description = "Simulate active learning with ground-truth labels as the " +
		"annotator: learning curves (test IoU vs labelled patches) per " +
		"strategy and seed, resumable. Writes curves.csv, summary.csv, " +
		"curves.png and reference.csv into --out.")
public class SimulateCommand implements Callable<Integer> {

	@Option(names = "--image", required = true, paramLabel = "FILE",
		description = "Training image: the pool of patches.")
	String image;

	@Option(names = "--labels", required = true, paramLabel = "FILE",
		description = "Ground truth of the training image (the simulated annotator).")
	String labels;

	@Option(names = "--test-image", required = true, paramLabel = "FILE",
		description = "Held-out test image.")
	String testImage;

	@Option(names = "--test-labels", required = true, paramLabel = "FILE",
		description = "Ground truth of the test image.")
	String testLabels;

	@Option(names = "--strategies", split = ",", paramLabel = "NAME",
		defaultValue = SimulationConfig.DEFAULT_STRATEGIES,
		description = "Strategies to compare (default ${DEFAULT-VALUE}).")
	List<String> strategies;

	@Option(names = "--budget", paramLabel = "N",
		description = "Stop at this many labelled patches (default 200; quick 40).")
	Integer budget;

	@Option(names = "--step", paramLabel = "N",
		description = "Patches acquired per round (default 10; quick 10).")
	Integer step;

	@Option(names = "--initial", paramLabel = "N",
		description = "Patches labelled before round 0 (default = step; " +
			"picked as --cold-start says).")
	Integer initial;

	@Option(names = "--cold-start", defaultValue = "random", paramLabel = "WHO",
		description = "Who picks the initial set: random (default: the seed's " +
			"random set, the same for every strategy) or strategy (each " +
			"strategy's own choice on an empty project, as a user's first round; " +
			"random keeps the seed's set).")
	String coldStart;

	@Option(names = "--seeds", defaultValue = "" + SimulationConfig.DEFAULT_SEEDS, paramLabel = "N",
		description = "Seeds 1..N per strategy (default ${DEFAULT-VALUE}; the " +
			"95 %% intervals in summary.csv are bootstrapped over them).")
	int seeds;

	@Option(names = "--out", required = true, paramLabel = "DIR",
		description = "Output folder; an existing one is resumed.")
	Path out;

	@Option(names = "--foreground", defaultValue = "255", paramLabel = "V",
		description = "Ground-truth value of the foreground class (default ${DEFAULT-VALUE}).")
	int foreground;

	@Option(names = "--patch", defaultValue = "64", paramLabel = "PX",
		description = "Patch size (default ${DEFAULT-VALUE}).")
	int patch;

	@Option(names = "--preset", paramLabel = "NAME",
		description = "Task model preset: quiet (default: the simulation " +
			"protocol, depth 3 x 16 filters without context, 100 steps per round, " +
			"mean of 5 snapshots), or fast / accurate: the loop's preset exactly " +
			"(then --train-steps and --average default to 0: the preset's " +
			"budget, the last iterate, as 'train' does).")
	String preset;

	@Option(names = "--train-steps", paramLabel = "N",
		description = "Training steps per round, 0 = the preset's budget " +
			"(fine-tuning budget after round 0) (default 100; quick 40; " +
			"--preset fast|accurate 0).")
	Integer trainSteps;

	@Option(names = "--reference-steps", paramLabel = "N",
		description = "Training steps of the full-supervision reference (default 2000; quick 300).")
	Integer referenceSteps;

	@Option(names = "--reference-patches", paramLabel = "N",
		description = "Patches of the reference, 0 = the whole pool (default 0; quick 512).")
	Integer referencePatches;

	@Option(names = "--pool-sample", paramLabel = "N",
		description = "Score/select within a seeded random sample of N unlabelled patches per round, 0 = all (default 0).")
	Integer poolSample;

	@Option(names = "--eval-slices", paramLabel = "N",
		description = "Test slices evaluated, evenly spread, 0 = all (default 10; quick 4).")
	Integer evalSlices;

	@Option(names = "--encoder-epochs", paramLabel = "N",
		description = "Stream B encoder epochs (default 10; quick 1).")
	Integer encoderEpochs;

	@Option(names = "--mc-passes", paramLabel = "T",
		description = "MC-dropout passes for BALD (bald, two-stream only; default 8; quick 4).")
	Integer mcPasses;

	@Option(names = "--train-slices", paramLabel = "FROM-TO",
		description = "Use only these slices of --image/--labels (0-based, inclusive).")
	String trainSlices;

	@Option(names = "--test-slices", paramLabel = "FROM-TO",
		description = "Use only these slices of --test-image/--test-labels, e.g. a held-out part of the same stack.")
	String testSlices;

	@Option(names = "--average", paramLabel = "N",
		description = "Weight averaging per round: the kept model is the mean of N " +
			"snapshots over the second half of the round's steps, 0 = the last " +
			"iterate (default 5; quick and --preset fast|accurate 0).")
	Integer average;

	@Option(names = "--run-id", defaultValue = "0", paramLabel = "N",
		description = "Salts the training and strategy seeds (not the initial " +
			"sets); two runs differing only here measure the noise floor " +
			"(twostream noise-floor A B). Default ${DEFAULT-VALUE}.")
	long runId;

	@Option(names = "--jobs", defaultValue = "1", paramLabel = "N",
		description = "Run up to N (strategy, seed) runs at the same time, each " +
			"with its own TF session (default ${DEFAULT-VALUE}); same numbers as " +
			"one after the other.")
	int jobs;

	@Option(names = "--quick",
		description = "Small U-Net (depth 2, 8 filters; quiet preset), few steps, 1 encoder epoch: a smoke run.")
	boolean quick;

	@Override
	public Integer call() {
		BadArgumentException.atLeast("--seeds", seeds, 1);
		if (foreground < 0 || foreground > 255) throw new BadArgumentException(
			"--foreground " + foreground + " is not a label value",
			"use 0-255, the value of the foreground in " + labels);
		OutputPaths.checkFolder(out, "--out", List.of("curves.csv", "summary.csv",
			"curves.png", "reference.csv", "run.txt", Simulator.MACHINES), input(image), input(labels), input(
				testImage), input(testLabels));
		final int s = or(step, SimulationConfig.DEFAULT_STEP);
		final List<Long> seedList = new ArrayList<>();
		for (long i = 1; i <= seeds; i++)
			seedList.add(i);
		final SimulationConfig config = new SimulationConfig(strategies, or(budget,
			quick ? 40 : SimulationConfig.DEFAULT_BUDGET), s, seedList, or(initial, s), patch, foreground, quick,
			out, SimulationConfig.ColdStart.of(coldStart));
		final SimulationTuning d = SimulationTuning.defaults(quick, preset);
		final SimulationTuning tuning = new SimulationTuning(or(trainSteps, d
			.trainSteps()), or(referenceSteps, d.referenceSteps()), or(
				referencePatches, d.referencePatches()), or(poolSample, d.poolSample()),
			or(evalSlices, d.evalSlices()), or(encoderEpochs, d.encoderEpochs()), or(
				mcPasses, d.mcPasses()), d.unetDepth(), d.unetBaseFilters(), or(average,
					d.averaging()), runId, d.preset());
		if (!quick && (seeds < 5 || tuning.evalSlices() > 0 && tuning
			.evalSlices() < 10)) System.err.println("Note: " + seeds + " seeds, " +
				(tuning.evalSlices() == 0 ? "all" : tuning.evalSlices()) +
				" test slices: below the quiet protocol (>= 5 seeds, >= 10 test " +
				"slices); expect wide intervals");
		final SliceRange train = trainSlices == null ? null : SliceRange.parse(
			trainSlices);
		final SliceRange test = testSlices == null ? null : SliceRange.parse(
			testSlices);
		try (Simulator sim = new Simulator(new Simulator.Settings(image, labels,
			testImage, testLabels, train, test, config, tuning),
			new ConsoleProgress()))
		{
			sim.setJobs(jobs);
			if (!sim.checkInput()) throw new UserException(sim.getErrorMessage(),
				"fix the input and run again");
			sim.process();
			final Simulator.Result r = sim.getResult();
			System.out.print(SimulationReports.table(r.summaries(), r.referenceIou()));
			System.out.printf(Locale.ROOT, "wall time %.1f s; outputs in %s%n", r
				.wallSeconds(), out);
		}
		return 0;
	}

	private static Path input(final String spec) {
		return Path.of(ProjectSession.filePart(spec));
	}

	private static int or(final Integer v, final int otherwise) {
		return v != null ? v : otherwise;
	}
}
