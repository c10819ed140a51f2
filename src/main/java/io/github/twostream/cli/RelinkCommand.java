package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code relink PROJECT IMAGE}: the image moved; point the project at it. */
@Command(name = "relink", mixinStandardHelpOptions = true,
	description = "Point a project at its image's new place (same dimensions and bit depth).")
public class RelinkCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1", paramLabel = "IMAGE")
	String image;

	@Override
	public Integer call() {
		ProjectSession.relink(project, image);
		System.out.println("Project " + project + " now uses " + image);
		return 0;
	}
}
