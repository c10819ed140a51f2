package io.github.twostream.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.loop.ProjectSession;

/**
 * Creates an active-learning project for an EM stack (the current image's
 * file by default); the Fiji face of {@code twostream init}.
 */
@Plugin(type = Command.class, label = "New project...",
	description = "Creates an active-learning project for an EM stack")
public class NewProjectCommand extends ContextCommand {

	// NB: the default is the current image's file, so a user who opened the EM
	// stack finds it filled in; without one, interactive runs ask for a file.
	@Parameter(label = "Image", persist = false, required = false,
		style = "open",
		description = "EM stack (TIFF, or FILE.h5#/dataset); default: the current image's file")
	private File image = CurrentImages.file().orElse(null);

	@Parameter(label = "Project folder", persist = false, style = "directory",
		description = "Folder to create the project in (new or empty)")
	private File project;

	@Parameter(label = "Patch size", persist = false, required = false,
		min = "8", description = "Side of the square patches, in pixels")
	private int patch_size = 64;

	@Parameter(label = "Stride", persist = false, required = false, min = "0",
		description = "Grid stride in pixels (0: the patch size, no overlap)")
	private int stride = 0;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Patches")
	private int patches;

	@Override
	public void run() {
		final File file = CurrentImages.orAsk(image, "image", "EM image");
		new StatusServiceProgress(status, this::isCanceled).status(
			"Creating project " + project);
		try (ProjectSession s = ProjectSession.create(project.toPath(), file
			.getPath(), patch_size, stride <= 0 ? patch_size : stride))
		{
			patches = s.grid().size();
		}
	}
}
