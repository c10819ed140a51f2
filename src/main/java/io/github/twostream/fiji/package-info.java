/**
 * Fiji / ImageJ integration: SciJava commands (the real actions, no menu
 * path) and their ImageJ 1 twins ({@link io.github.twostream.fiji.CommandTwin}
 * subclasses, registered in {@code plugins.config}), which give each action
 * one menu entry, macro support ({@code run("Label", "key=value")}) and
 * recorder support without imagej-legacy. Also progress adapters, the
 * TensorFlow library check and a headless ImageJ for {@code twostream macro}.
 * <p>
 * Core packages never import this package.
 * </p>
 */
package io.github.twostream.fiji;
