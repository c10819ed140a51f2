package io.github.twostream.viewer;

import io.github.twostream.annotation.AnnotatedSuggestion;
import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.HeatmapLayer;

/**
 * A window in which the expert paints labels in place on the suggested
 * patches of an {@link AnnotationSession}. The ImageJ 1 implementation is
 * {@link IJ1AnnotationView}; a BigDataViewer front end can implement the same
 * interface and reuse {@link AnnotationKeys} and {@link AnnotationLayers}.
 * All methods are called on the UI thread.
 */
public interface AnnotationView {

	/** The session the view edits. */
	AnnotationSession session();

	/** Shows the slice of the suggestion and centres it. */
	void jumpTo(AnnotatedSuggestion suggestion);

	HeatmapLayer layer();

	void setLayer(HeatmapLayer layer);

	void setHeatmapVisible(boolean visible);

	/** Heatmap opacity, 0..1. */
	void setOpacity(double opacity);

	/** Shows or hides the outline of the task model's prediction. */
	void setPredictionVisible(boolean visible);

	boolean isPredictionVisible();

	/** Shows or hides the help panel with the keys. */
	void toggleHelp();

	/** Closes the view; queued saves still reach the store. */
	void close();
}
