package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.util.BadArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train PROJECT [--steps N] [--from-scratch] [--preset NAME]}. */
@Command(name = "train", mixinStandardHelpOptions = true,
	description = "Train (fine-tune) the task model on all labelled patches; stores a new model version with its calibrated threshold.")
public class TrainCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--steps", defaultValue = "0", paramLabel = "N",
		description = "Training steps (default 0: chosen from the number of labelled patches by the preset's budget; fine-tuning gets a fraction).")
	int steps;

	@Option(names = "--from-scratch",
		description = "Start from fresh weights instead of the latest model.")
	boolean fromScratch;

	@Mixin
	ModelOptions model;

	@Override
	public Integer call() {
		BadArgumentException.atLeast("--steps", steps, 0); // NB: 0 = automatic
		try (ProjectSession s = ProjectSession.open(project);
				TaskStage.Trained t = TaskStage.train(s, model.preset(s.grid()
					.patchSize()), steps, fromScratch, new ConsoleProgress()))
		{
			System.out.println(String.format(Locale.ROOT,
				"Model version %d (preset %s): %d steps in total on %d labelled patches, loss %.4f, threshold %.2f, device %s",
				t.version().id(), model.preset, t.version().trainingSteps(), t.version()
					.labelledCount(), t.loss(), t.model().threshold(), t.version()
						.device()));
		}
		return 0;
	}
}
