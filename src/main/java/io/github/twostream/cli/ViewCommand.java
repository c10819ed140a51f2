package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.github.twostream.model.ModelPreset;
import io.github.twostream.viewer.AnnotationWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code view PROJECT [--preset NAME] [--steps N]}: the annotation window; returns when it is closed. */
@Command(name = "view", mixinStandardHelpOptions = true,
	description = "Open the annotation view: paint labels on the suggested patches over the acquisition heatmap, retrain and suggest in the background (needs a display).")
public class ViewCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--preset", defaultValue = ModelPreset.FAST, paramLabel = "NAME",
		description = "Task model preset for retraining: fast or accurate (default ${DEFAULT-VALUE}, as 'train').")
	String preset;

	@Option(names = "--steps", defaultValue = "0", paramLabel = "N",
		description = "Training steps per retrain (default 0: the preset's budget, as 'train' uses).")
	int steps;

	@Override
	public Integer call() throws InterruptedException {
		final CountDownLatch closed = new CountDownLatch(1);
		AnnotationWindows.open(project, preset, steps, closed::countDown);
		closed.await();
		return 0;
	}
}
