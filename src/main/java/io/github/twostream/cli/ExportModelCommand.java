package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ModelExports;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.model.ModelExport;
import io.github.twostream.store.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export-model PROJECT --out DIR}. */
@Command(name = "export-model", mixinStandardHelpOptions = true,
	description = "Export the latest task model as a bioimage.io-style package (rdf.yaml 0.5, TF SavedModel, test input/output .npy, calibrated threshold).")
public class ExportModelCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--out", required = true, paramLabel = "DIR",
		description = "New or empty folder outside the project.")
	Path out;

	@Override
	public Integer call() {
		try (ProjectSession s = ProjectSession.open(project)) {
			final ModelVersion v = ModelExports.export(s, out);
			System.out.println("Exported task model version " + v.id() + " to " +
				out + ": " + String.join(", ", ModelExport.files()));
		}
		return 0;
	}
}
