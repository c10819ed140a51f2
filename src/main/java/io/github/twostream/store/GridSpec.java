package io.github.twostream.store;

import io.github.twostream.volume.PatchGrid;

/**
 * How a project cuts its image into patches.
 *
 * @param patchSize patch edge length in pixels
 * @param stride distance between neighbouring patch positions in pixels
 */
public record GridSpec(int patchSize, int stride) {

	/** The patch grid of a volume of the given dimensions. */
	public PatchGrid toGrid(final int depth, final int height, final int width) {
		return new PatchGrid(depth, height, width, patchSize, stride);
	}

	/** The patch grid of the given image. */
	public PatchGrid toGrid(final ImageRef image) {
		return toGrid(image.depth(), image.height(), image.width());
	}
}
