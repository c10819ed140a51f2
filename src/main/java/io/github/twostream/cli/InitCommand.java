package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code init PROJECT --image IMAGE [--patch 64] [--stride S]}. */
@Command(name = "init", mixinStandardHelpOptions = true,
	description = "Create an active-learning project for an EM volume.")
public class InitCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT",
		description = "Project folder to create (new or empty).")
	Path project;

	@Option(names = "--image", required = true, paramLabel = "IMAGE",
		description = "TIFF stack or HDF5 dataset (FILE.h5#/dataset).")
	String image;

	@Option(names = "--patch", defaultValue = "64", paramLabel = "PX",
		description = "Patch size in pixels (default: ${DEFAULT-VALUE}).")
	int patch;

	@Option(names = "--stride", paramLabel = "PX",
		description = "Grid stride in pixels (default: the patch size).")
	Integer stride;

	@Override
	public Integer call() {
		try (ProjectSession s = ProjectSession.create(project, image, patch,
			stride == null ? patch : stride))
		{
			System.out.println("Created project " + project + ": " + s.volume()
				.width() + " x " + s.volume().height() + " x " + s.volume().depth() +
				", " + s.grid().size() + " patches of " + patch + " x " + patch);
		}
		return 0;
	}
}
