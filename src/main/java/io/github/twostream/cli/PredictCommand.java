package io.github.twostream.cli;

import io.github.twostream.store.OutputPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.Predictions;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.model.TaskModel;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code predict PROJECT [--image IMAGE] --out PROB.tif}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
	description = "Predict foreground probabilities (32-bit TIFF) with the latest task model, slice by slice.")
public class PredictCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--image", paramLabel = "IMAGE",
		description = "Image to predict (default: the project's image).")
	String image;

	@Option(names = "--out", required = true, paramLabel = "PROB.tif")
	Path out;

	@Override
	public Integer call() {
		try (ProjectSession s = ProjectSession.open(project)) {
			// NB: before the model loads: a refused output costs nothing
			OutputPaths.check(out, "--out", s.project(), image == null ? null
				: Path.of(ProjectSession.filePart(image)));
			try (TaskModel m = Predictions.latestModel(s.project());
					Volume v = image == null ? null : Volumes.open(image))
			{
				final Volume target = v == null ? s.volume() : v;
				Predictions.write(m, target, out, new ConsoleProgress());
				System.out.println("Wrote " + target.width() + " x " + target
					.height() + " x " + target.depth() + " probabilities to " + out);
			}
		}
		return 0;
	}
}
