package io.github.twostream.viewer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ij.ImagePlus;

/**
 * Shows suggestions to the annotator. The ImageJ 1 implementation is
 * {@link IJ1SuggestionView}; a BigDataViewer front end can implement the same
 * interface later.
 * <p>
 * Each method returns the file it wrote, if any (headless front ends write
 * files instead of opening windows).
 * </p>
 */
public interface SuggestionView {

	/**
	 * Shows the suggestions as numbered ROIs (1 = first suggestion) on
	 * {@code image}: ROI Manager entries and an overlay.
	 */
	Optional<Path> showSuggestions(ImagePlus image, List<SuggestionRow> rows);

	/** Shows a 32-bit acquisition heatmap (see {@link AcquisitionHeatmaps}). */
	Optional<Path> showHeatmap(ImagePlus heatmap);

	/** Shows one table row per suggestion (ImageJ: the Results table). */
	Optional<Path> showTable(List<SuggestionRow> rows);
}
