package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relink PROJECT IMAGE}: the image moved; point the project at it. */
@Command(name = "relink", mixinStandardHelpOptions = true,
	description = "Point a project at its image's new place (same content: the fingerprint must match unless --force).")
public class RelinkCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1", paramLabel = "IMAGE")
	String image;

	@Option(names = "--force",
		description = "Relink even though the image's content differs from the project's (only for a re-saved copy of the very same pixels).")
	boolean force;

	@Override
	public Integer call() {
		if (!ProjectSession.relink(project, image, force)) System.err.println(
			"twostream relink: warning: " + image + " differs from the image the " +
				"project was made for; relinked anyway (--force). Labels are only " +
				"right if the pixels are the same.");
		System.out.println("Project " + project + " now uses " + image);
		return 0;
	}
}
