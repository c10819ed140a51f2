/**
 * Stream A: the task model. A U-Net ({@link io.github.twostream.model.UNetConfig},
 * {@link io.github.twostream.model.TaskModel}) on TensorFlow Java that segments
 * EM into foreground and background, is fine-tuned whenever the expert adds
 * labels, and scores patches by uncertainty (entropy, margin, MC-dropout BALD)
 * with a supervised embedding;
 * {@link io.github.twostream.model.TiledPredictor} predicts whole slices and
 * volumes in blended tiles. API on plain arrays: patches are row-major
 * {@code float[]}, masks {@code byte[]} (0, 1, 255 = unlabelled).
 */
package io.github.twostream.model;
