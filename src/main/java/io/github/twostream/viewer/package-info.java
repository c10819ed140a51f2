/**
 * Showing suggestions: the {@link io.github.twostream.viewer.SuggestionView}
 * interface with its ImageJ 1 implementation (ROI Manager, overlay, Results
 * table, acquisition heatmap; files when headless). A BigDataViewer front end
 * can implement the same interface later.
 */
package io.github.twostream.viewer;
