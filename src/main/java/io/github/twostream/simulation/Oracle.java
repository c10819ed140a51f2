package io.github.twostream.simulation;

import io.github.twostream.volume.Patch;

/**
 * The simulated annotator: answers a patch with its ground-truth mask.
 * <p>
 * The simulator asks it for every patch a strategy selects, exactly as the
 * real loop asks the expert; implementations read a ground-truth label
 * volume.
 * </p>
 */
public interface Oracle {

	/**
	 * The binary mask of {@code patch}: {@code h * w} bytes, row-major, 1 for
	 * foreground and 0 for background.
	 */
	byte[] annotate(Patch patch);
}
