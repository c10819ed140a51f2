package io.github.twostream.store;

import io.github.twostream.util.UserException;

/**
 * The image a project labels: where it is and what it was when the project
 * was made.
 *
 * @param spec the image's path as the user gave it, possibly with an HDF5
 *          dataset ({@code file.h5#/dataset})
 * @param fingerprint a string computed from the image's content and/or
 *          metadata by the volume layer; a different value means the image
 *          changed or is another image
 * @param width width in pixels
 * @param height height in pixels
 * @param depth number of slices
 * @param bitDepth bits per pixel (8, 16, 32)
 */
public record ImageRef(String spec, String fingerprint, int width, int height,
	int depth, int bitDepth)
{

	public ImageRef {
		if (spec == null || spec.isBlank()) throw new IllegalArgumentException(
			"image spec is empty");
		if (fingerprint == null) throw new IllegalArgumentException(
			"fingerprint is null");
		if (width < 1 || height < 1 || depth < 1) throw new UserException(
			"The image has invalid dimensions " + width + " x " + height + " x " +
				depth, "use a non-empty 2-D or 3-D image");
	}

	/** True if the other image has the same dimensions and bit depth. */
	public boolean sameShape(final ImageRef other) {
		return width == other.width && height == other.height &&
			depth == other.depth && bitDepth == other.bitDepth;
	}

	/** "W x H x D, B-bit", for messages. */
	public String shape() {
		return width + " x " + height + " x " + depth + ", " + bitDepth + "-bit";
	}
}
