package io.github.twostream.viewer;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.ImageFiles;

/**
 * The ImageJ 1 {@link SuggestionView}: ROI Manager, image overlay, heatmap
 * window and the Results table.
 * <p>
 * With {@code windows == false} (headless or macro batch mode) nothing is
 * shown; the overlay is still set on the image and the Results table still
 * filled (so a macro's {@code nResults} is the number of suggestions). When an
 * output folder is given, the ROI set ({@value #ROI_ZIP}), the heatmap
 * ({@value #HEATMAP_TIFF}) and the table ({@value #RESULTS_CSV}) are written
 * there, with or without windows.
 * </p>
 */
public class IJ1SuggestionView implements SuggestionView {

	public static final String ROI_ZIP = "suggestions-rois.zip";
	public static final String HEATMAP_TIFF = "acquisition-heatmap.tif";
	public static final String RESULTS_CSV = "suggestions.csv";

	private final Path outputDir;
	private final boolean windows;

	/**
	 * @param outputDir where to write the files; null writes none (then
	 *          {@code windows} must be true)
	 * @param windows whether to open windows (ROI Manager, images, Results)
	 */
	public IJ1SuggestionView(final Path outputDir, final boolean windows) {
		if (outputDir == null && !windows) throw new UserException(
			"Headless: there is no window to show the suggestions in",
			"give an output folder (output_dir=...) for the result files");
		this.outputDir = outputDir;
		this.windows = windows;
	}

	/** A view with windows unless headless or in macro batch mode. */
	public static IJ1SuggestionView forEnvironment(final Path outputDir) {
		return new IJ1SuggestionView(outputDir, canShowWindows());
	}

	/** False when headless or a macro runs in batch mode. */
	public static boolean canShowWindows() {
		return !GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode();
	}

	public boolean showsWindows() {
		return windows;
	}

	public Optional<Path> outputDir() {
		return Optional.ofNullable(outputDir);
	}

	@Override
	public Optional<Path> showSuggestions(final ImagePlus image,
		final List<SuggestionRow> rows)
	{
		final List<Roi> rois = SuggestionRois.rois(image, rows);
		image.setOverlay(SuggestionRois.overlay(image, rows));
		// NB: open on the slice of the first suggestion
		if (!rows.isEmpty() && image.getNSlices() > 1) image.setPosition(image
			.getC(), (int) rows.get(0).z() + 1, image.getT());
		if (windows) {
			image.show();
			final RoiManager rm = RoiManager.getRoiManager();
			rm.reset();
			for (final Roi roi : rois)
				rm.addRoi(roi);
			rm.runCommand("Show None");
			image.updateAndDraw();
		}
		return write(ROI_ZIP, p -> SuggestionRois.writeZip(rois, p));
	}

	@Override
	public Optional<Path> showHeatmap(final ImagePlus heatmap) {
		if (windows) heatmap.show();
		return write(HEATMAP_TIFF, p -> {
			// NB: atomic, like every image we write; keeps the hyperstack's axes.
			ImageFiles.saveTiff(heatmap, p);
			return p;
		});
	}

	@Override
	public Optional<Path> showTable(final List<SuggestionRow> rows) {
		// NB: the system "Results" table, so that macros see nResults == rows.
		final ResultsTable rt = SuggestionRows.fill(ResultsTable.getResultsTable(),
			rows);
		if (windows) rt.show("Results");
		return write(RESULTS_CSV, p -> {
			if (!rt.save(p.toString())) throw new UserException(
				"Cannot write results " + p, "choose a writable output folder");
			return p;
		});
	}

	private interface Writer {

		Path write(Path file);
	}

	private Optional<Path> write(final String name, final Writer writer) {
		if (outputDir == null) return Optional.empty();
		try {
			Files.createDirectories(outputDir);
		}
		catch (final java.io.IOException e) {
			throw new UserException("Cannot create output folder " + outputDir +
				": " + e.getMessage(), "choose a writable folder", e);
		}
		return Optional.of(writer.write(outputDir.resolve(name)));
	}
}
