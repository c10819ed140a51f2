package io.github.twostream.fiji;

import java.io.File;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import io.github.twostream.store.OutputPaths;
import io.github.twostream.loop.Predictions;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.model.TaskModel;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * Predicts foreground probabilities (32-bit TIFF) with the project's latest
 * task model; the Fiji face of {@code twostream predict}. With windows, the
 * result is also shown (as a virtual stack: it may be larger than memory).
 */
@Plugin(type = Command.class, label = "Predict",
	description = "Predicts foreground probabilities with the latest task model")
public class PredictProbabilitiesCommand extends ContextCommand {

	private static final String AUTO = "auto";

	/** Folder of the default outputs, inside the project. */
	public static final String PREDICTIONS = "predictions";

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "Image", persist = false, required = false,
		style = "open",
		description = "Image to predict (default: the project's image)")
	private File image;

	@Parameter(label = "Output", persist = false, required = false,
		style = "save",
		description = "32-bit TIFF to write (default: <project>/predictions/<image>-probabilities.tif)")
	private File output;

	@Parameter(label = "Test-time flips (4x the time, more accurate)",
		persist = false, required = false,
		description = "Mean of 4 flipped predictions (macro key 'flips')")
	private boolean flips = true;

	@Parameter(label = "Average with neighbouring sections", persist = false,
		required = false, choices = { AUTO, "0", "1", "2", "3", "4", "6", "8" },
		description = "Sections on each side whose predictions are averaged " +
			"into each slice's, weights N+1-|dz|; 0 = each slice alone; auto = 6 " +
			"if the image's calibration says its sections are as thick as a " +
			"pixel, 6 divided by their thickness in pixels if at most 2, else 0 " +
			"(macro key 'sections')")
	private String sections = AUTO;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Probabilities")
	private File written;

	@Override
	public void run() {
		TensorFlowLibraries.requireCompatible();
		final boolean own = own();
		try (ProjectSession s = ProjectSession.open(project.toPath());
				TaskModel m = Predictions.latestModel(s.project());
				Volume v = own ? Volumes.open(image.getPath()) : null)
		{
			final Path out = output != null && !output.getPath().isEmpty() ? output
				.toPath() : defaultOutput(s);
			OutputPaths.check(out, "output", s.project(), own ? image.toPath() : null);
			final Volume target = own ? v : s.volume();
			final Predictions.Sections sec = sections(target);
			// NB: the Log window says what 'auto' chose, as the CLI prints it
			IJ.log("Predict: " + sec.describe());
			Predictions.write(Predictions.predictor(m, flips), target, out, sec
				.radius(), new StatusServiceProgress(status, this::isCanceled));
			written = out.toFile();
		}
		if (IJ1SuggestionView.canShowWindows()) {
			final ImagePlus prob = IJ.openVirtual(written.getPath());
			if (prob != null) prob.show();
		}
	}

	/** The sections averaged on each side: {@code auto} or a count. */
	private Predictions.Sections sections(final Volume target) {
		if (sections == null || AUTO.equals(sections.trim()))
			return Predictions.defaultSections(target);
		try {
			final int n = Integer.parseInt(sections.trim());
			if (n >= 0) return new Predictions.Sections(n, "sections=" + n);
		}
		catch (final NumberFormatException e) {
			// NB: reported below, as a negative count is
		}
		throw new UserException("sections '" + sections +
			"' is neither auto nor a count", "use sections=auto or a count such as 0, 1 or 6");
	}

	private Path defaultOutput(final ProjectSession s) {
		// NB: an HDF5 spec is FILE.h5#/dataset: name it after the file
		final String spec = own() ? image.getPath() : s.project().image().spec();
		final String name = new File(spec.split("#")[0]).getName().replaceFirst(
			"\\.[^.]*$", "");
		return project.toPath().resolve(PREDICTIONS).resolve(name +
			"-probabilities.tif");
	}

	private boolean own() {
		return image != null && !image.getPath().isEmpty();
	}
}
