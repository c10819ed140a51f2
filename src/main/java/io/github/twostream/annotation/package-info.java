/**
 * The headless core of the annotation view: painting labels in place on the
 * suggested patches of a project (brush, eraser, flood fill, prefill from the
 * task model's prediction), accepting patches, autosave, undo/redo through the
 * project store, active time per patch, and retraining / suggesting in the
 * background.
 * <p>
 * No AWT, Swing or {@code ij.gui} here: the view ({@code viewer}) adapts
 * {@link io.github.twostream.annotation.AnnotationSession} to a window, and
 * the same session is unit-tested without a display.
 * </p>
 */
package io.github.twostream.annotation;
