package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.ProjectSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code label PROJECT --mask MASK --patches ID,ID,... [--foreground V]}. */
@Command(name = "label", mixinStandardHelpOptions = true,
	description = "Copy the given patches' pixels from a label image (the volume's shape) into the project as dense labels.")
public class LabelCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--mask", required = true, paramLabel = "MASK",
		description = "Label image of the volume's shape (8-bit).")
	String mask;

	@Option(names = "--patches", required = true, split = ",",
		paramLabel = "ID", description = "Patch ids, comma-separated.")
	int[] patches;

	@Option(names = "--foreground", defaultValue = "255", paramLabel = "VALUE",
		description = "Label value of the foreground (default: ${DEFAULT-VALUE}); other values are background.")
	int foreground;

	@Override
	public Integer call() {
		try (ProjectSession s = ProjectSession.open(project)) {
			final int n = LabelTransfer.importPatches(s, mask, patches, foreground);
			System.out.println("Labelled " + n + " patches; " + s.project().labels()
				.count() + " labelled in total");
		}
		return 0;
	}
}
