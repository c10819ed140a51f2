package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StructureStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train-encoder PROJECT [--epochs N] [--retrain]}. */
@Command(name = "train-encoder", mixinStandardHelpOptions = true,
	description = "Train the structure encoder (stream B) once on all patches and store their embeddings.")
public class TrainEncoderCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Mixin
	EncoderOptions encoder;

	@Option(names = "--retrain",
		description = "Train again even if an encoder for this image and settings exists.")
	boolean retrain;

	@Override
	public Integer call() {
		try (ProjectSession s = ProjectSession.open(project)) {
			final StructureStage.Result r = StructureStage.ensure(s, encoder.config(s
				.grid().patchSize()), retrain, new ConsoleProgress());
			System.out.println((r.reused() ? "Reused" : "Trained") + " encoder " + r
				.encoder().id() + " (" + r.encoder().checkpoint() + "): " + r
					.embedding().length + " patches embedded in " + r.embedding()[0].length +
				" dimensions");
		}
		return 0;
	}
}
