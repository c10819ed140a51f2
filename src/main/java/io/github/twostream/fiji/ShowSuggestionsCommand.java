package io.github.twostream.fiji;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.TiffDirectories;
import io.github.twostream.viewer.AcquisitionHeatmaps;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionRow;
import io.github.twostream.viewer.SuggestionRows;
import io.github.twostream.viewer.SuggestionView;

/**
 * Shows suggestions from a CSV file ({@code patch_id,z,y,x,h,w,rank,...}) on
 * an image: numbered ROIs, an overlay, the Results table and an acquisition
 * heatmap; headless, writes them to files instead.
 * <p>
 * NB: no {@code menuPath}: the menu entry is the ImageJ 1 twin's
 * ({@link ShowSuggestionsPlugIn}, registered in {@code plugins.config}), so
 * Fiji shows the action once.
 * </p>
 */
@Plugin(type = Command.class, label = "Show suggestions",
	description = "Shows suggested patches (CSV) on an image")
public class ShowSuggestionsCommand extends ContextCommand {

	@Parameter(label = "Suggestions CSV", persist = false,
		description = "CSV with a header: patch_id,z,y,x,h,w,rank and scores")
	private File suggestions;

	@Parameter(label = "Image", persist = false, style = "open",
		description = "The image (TIFF) the suggestions were computed on")
	private File image;

	@Parameter(label = "Top k", persist = false, required = false, min = "0",
		description = "Show the first k suggestions (0: all)")
	private int top_k = 0;

	@Parameter(label = "Output folder", persist = false, required = false,
		style = "directory",
		description = "Write ROI zip, heatmap TIFF and results CSV here " +
			"(headless default: the CSV's folder)")
	private File output_dir;

	@Parameter(label = "Heatmap", persist = false, required = false,
		description = "Also build the acquisition heatmap")
	private boolean heatmap = true;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Suggestions shown")
	private int shown;

	/** Overrides the view (tests, other front ends); null: ImageJ 1. */
	private SuggestionView view;

	public void setView(final SuggestionView view) {
		this.view = view;
	}

	@Override
	public void run() {
		final Progress progress = new StatusServiceProgress(status,
			this::isCanceled);
		progress.status("Reading suggestions");
		final List<SuggestionRow> rows = SuggestionRows.readCsv(suggestions);
		final List<SuggestionRow> top = SuggestionRows.suggested(rows, top_k);
		if (top.isEmpty()) throw new UserException("No suggestions (rows with a " +
			"rank) in " + suggestions, "give a CSV with a 'rank' column");
		progress.checkCancelled();
		final ImagePlus imp = open(image);
		final SuggestionView v = view != null ? view : IJ1SuggestionView
			.forEnvironment(outputDir());
		v.showSuggestions(imp, top);
		v.showTable(top);
		progress.checkCancelled();
		if (heatmap) {
			final ImagePlus heat = AcquisitionHeatmaps.build(imp.getWidth(), imp
				.getHeight(), imp.getNSlices(), rows, progress);
			heat.setPosition(heat.getNChannels(), (int) top.get(0).z() + 1, 1);
			v.showHeatmap(heat);
		}
		shown = top.size();
		progress.status("Showing " + shown + " suggestions");
	}

	public int shown() {
		return shown;
	}

	private Path outputDir() {
		if (output_dir != null && !output_dir.getPath().isEmpty()) return output_dir
			.toPath();
		// NB: headless there is no window, so the files go next to the CSV.
		if (!IJ1SuggestionView.canShowWindows()) return suggestions.getAbsoluteFile()
			.toPath().getParent();
		return null;
	}

	private static ImagePlus open(final File file) {
		if (!file.isFile()) throw new UserException("Image not found: " + file,
			"check the path");
		// NB: a looping TIFF page chain would make ImageJ's opener spin
		TiffDirectories.check(file.toPath());
		final ImagePlus imp = IJ.openImage(file.getPath());
		if (imp == null) throw new UserException("Cannot open image " + file,
			"give a TIFF file");
		return imp;
	}
}
