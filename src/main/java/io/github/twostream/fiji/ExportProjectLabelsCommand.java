package io.github.twostream.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.ProjectSession;

/**
 * Writes all labels as an 8-bit image of the volume's shape (0 unlabelled, 1
 * background, 2 foreground); the Fiji face of {@code twostream export-labels}.
 */
@Plugin(type = Command.class, label = "Export labels",
	description = "Writes the project's labels as an 8-bit TIFF")
public class ExportProjectLabelsCommand extends ContextCommand {

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "Output", persist = false, style = "save",
		description = "TIFF to write: 0 = unlabelled, 1 = background, 2 = foreground")
	private File output;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Labelled patches")
	private int labelled;

	@Override
	public void run() {
		new StatusServiceProgress(status, this::isCanceled).status(
			"Exporting labels to " + output);
		try (ProjectSession s = ProjectSession.open(project.toPath())) {
			labelled = LabelTransfer.export(s, output.toPath());
		}
	}
}
