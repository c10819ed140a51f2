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

/** {@code train PROJECT [--steps N] [--from-scratch]}. */
@Command(name = "train", mixinStandardHelpOptions = true,
	description = "Train (fine-tune) the task model on all labelled patches; stores a new model version.")
public class TrainCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--steps", defaultValue = "300", paramLabel = "N",
		description = "Training steps (default: ${DEFAULT-VALUE}).")
	int steps;

	@Option(names = "--from-scratch",
		description = "Start from fresh weights instead of the latest model.")
	boolean fromScratch;

	@Mixin
	ModelOptions model;

	@Override
	public Integer call() {
		BadArgumentException.atLeast("--steps", steps, 1);
		try (ProjectSession s = ProjectSession.open(project);
				TaskStage.Trained t = TaskStage.train(s, model.config(s.grid()
					.patchSize()), steps, fromScratch, new ConsoleProgress()))
		{
			System.out.println(String.format(Locale.ROOT,
				"Model version %d: %d steps in total on %d labelled patches, loss %.4f, device %s",
				t.version().id(), t.version().trainingSteps(), t.version()
					.labelledCount(), t.loss(), t.version().device()));
		}
		return 0;
	}
}
