package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.ProjectSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export-labels PROJECT --out LABELS.tif}. */
@Command(name = "export-labels", mixinStandardHelpOptions = true,
	description = "Write all labels as an 8-bit image of the volume's shape: 0 = unlabelled, 1 = background, 2 = foreground.")
public class ExportLabelsCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--out", required = true, paramLabel = "LABELS.tif")
	Path out;

	@Override
	public Integer call() {
		try (ProjectSession s = ProjectSession.open(project)) {
			final int n = LabelTransfer.export(s, out);
			System.out.println("Wrote " + n + " labelled patches to " + out);
		}
		return 0;
	}
}
