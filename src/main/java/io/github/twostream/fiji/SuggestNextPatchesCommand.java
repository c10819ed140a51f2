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
import io.github.twostream.acquisition.Strategies;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.SuggestionEngine;
import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.TiffDirectories;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionOutputs;
import io.github.twostream.viewer.VolumeImages;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * One suggestion round: the next {@code k} patches to label, as numbered ROIs
 * (ROI Manager + overlay), one Results row each (a macro's {@code nResults ==
 * k}) and a 32-bit acquisition heatmap (a channel per stream score, then the
 * combined score). The files (ROI zip, heatmap TIFF, Results CSV, every
 * patch's scores) always go to the output folder, default
 * {@code <project>/suggestions/round-N}; headless, only the files. The Fiji
 * face of {@code twostream suggest}; the patch size is the project's.
 */
@Plugin(type = Command.class, label = "Suggest next patches",
	description = "Suggests the next patches to label")
public class SuggestNextPatchesCommand extends ContextCommand {

	/** Folder of the default outputs inside the project: {@code round-N}. */
	public static final String SUGGESTIONS = "suggestions";

	@Parameter(label = "Image", persist = false, required = false,
		style = "open",
		description = "Image to show the ROIs on, the project's size (default: the current image if it has that size, else the project's image)")
	private File image;

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "K", persist = false, required = false, min = "1",
		description = "Number of patches to suggest")
	private int k = 16;

	// NB: the same names as Strategies.productNames() (checked by a test); an
	// annotation needs constants.
	@Parameter(label = "Strategy", persist = false, required = false,
		choices = { "two-stream", "two-stream-clustering", "uncertainty", "margin",
			"bald", "typicality", "coreset", "probcover", "random" },
		description = "Acquisition strategy")
	private String strategy = Strategies.DEFAULT;

	@Parameter(label = "Output folder", persist = false, required = false,
		style = "directory",
		description = "Where to write ROI zip, heatmap, Results CSV and scores (default: <project>/suggestions/round-N)")
	private File output_dir;

	@Parameter(label = "MC passes", persist = false, required = false,
		min = "0", max = "100",
		description = "MC-dropout passes for BALD (0: no BALD)")
	private int mc_passes = 8;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Round")
	private int round;

	@Parameter(type = ItemIO.OUTPUT, label = "Suggested")
	private int suggested;

	@Parameter(type = ItemIO.OUTPUT, label = "Output folder")
	private File written_to;

	@Override
	public void run() {
		TensorFlowLibraries.requireCompatible();
		final Progress progress = new StatusServiceProgress(status,
			this::isCanceled);
		try (ProjectSession s = ProjectSession.open(project.toPath())) {
			final ImagePlus given = given(s.volume()); // NB: fails before the work
			final SuggestSettings settings = new SuggestSettings(strategy, k,
				mc_passes, Typicality.DEFAULT_K, 1, StructureStage.configFor(s));
			final SuggestionEngine engine = new SuggestionEngine(s, settings,
				progress);
			engine.process();
			final SuggestionResult r = engine.getResult();
			final Path dir = output_dir != null && !output_dir.getPath().isEmpty()
				? output_dir.toPath() : project.toPath().resolve(SUGGESTIONS).resolve(
					"round-" + r.round());
			final IJ1SuggestionView view = IJ1SuggestionView.forEnvironment(dir);
			final ImagePlus imp = given != null ? given : display(s, view
				.showsWindows());
			SuggestionOutputs.show(view, imp, r, dir.resolve(
				SuggestionOutputs.SCORES_CSV), progress);
			round = r.round();
			suggested = r.selection().size();
			written_to = dir.toFile();
		}
	}

	/** The {@code image} parameter's image, checked; null if not given. */
	private ImagePlus given(final Volume v) {
		if (image == null || image.getPath().isEmpty()) return null;
		// NB: a looping TIFF page chain would make ImageJ's opener spin
		TiffDirectories.check(image.toPath());
		final ImagePlus imp = IJ.openImage(image.getPath());
		if (imp == null) throw new UserException("Cannot open image " + image,
			"give a TIFF of the project's size, or leave image empty");
		if (imp.getWidth() != v.width() || imp.getHeight() != v.height() || imp
			.getNSlices() != v.depth()) throw new UserException("Image " + image +
				" is " + imp.getWidth() + " x " + imp.getHeight() + " x " + imp
					.getNSlices() + " but the project's is " + v.width() + " x " + v
						.height() + " x " + v.depth(),
				"give the project's image, or leave image empty");
		return imp;
	}

	/**
	 * Without an {@code image}: headless a virtual view of the session's
	 * volume; with windows the current image if it has the volume's size, else
	 * the project's image as a virtual stack.
	 */
	private static ImagePlus display(final ProjectSession s,
		final boolean windows)
	{
		final Volume v = s.volume();
		final String title = new File(s.project().image().spec().split("#")[0])
			.getName();
		if (!windows) return VolumeImages.virtual(v, title);
		// NB: shown after this session closes, so it gets its own volume.
		return CurrentImages.ofSize(v.width(), v.height(), v.depth()).orElseGet(
			() -> VolumeImages.owning(Volumes.open(s.project().image().spec()),
				title));
	}
}
