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
import io.github.twostream.util.UserException;

/**
 * Labels patches by copying their pixels from a mask of the volume's shape:
 * scripted or simulated annotation; the Fiji face of {@code twostream label}.
 */
@Plugin(type = Command.class, label = "Label patches from mask",
	description = "Copies the given patches' pixels from a label image into the project")
public class LabelFromMaskCommand extends ContextCommand {

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "Mask", persist = false, style = "open",
		description = "Label image of the volume's shape (8-bit)")
	private File mask;

	@Parameter(label = "Patch ids", persist = false,
		description = "Comma-separated patch ids, e.g. 1,2,3")
	private String patch_ids;

	@Parameter(label = "Foreground", persist = false, required = false,
		min = "0", max = "255",
		description = "The mask's foreground value; other values are background")
	private int foreground = 255;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Patches labelled")
	private int labelled;

	@Parameter(type = ItemIO.OUTPUT, label = "Labelled in total")
	private int total;

	@Override
	public void run() {
		final int[] ids = ids(patch_ids);
		new StatusServiceProgress(status, this::isCanceled).status("Labelling " +
			ids.length + " patches from " + mask.getName());
		try (ProjectSession s = ProjectSession.open(project.toPath())) {
			labelled = LabelTransfer.importPatches(s, mask.getPath(), ids,
				foreground);
			total = s.project().labels().count();
		}
	}

	/** Parses {@code "1, 2,3"}; a clear error on anything else. */
	static int[] ids(final String text) {
		final String[] parts = text == null ? new String[0] : text.trim().split(
			"\\s*[,;\\s]\\s*");
		if (parts.length == 0 || parts[0].isEmpty()) throw new UserException(
			"No patch ids given", "give patch_ids=[1,2,3]");
		final int[] ids = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				ids[i] = Integer.parseInt(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new UserException("Patch id '" + parts[i] + "' is not a number",
					"give comma-separated integers, e.g. patch_ids=[1,2,3]");
			}
		}
		return ids;
	}
}
