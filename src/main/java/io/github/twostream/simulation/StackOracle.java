package io.github.twostream.simulation;

import ij.ImageStack;
import ij.process.ImageProcessor;

import io.github.twostream.util.UserException;
import io.github.twostream.volume.Patch;

/**
 * An {@link Oracle} over a ground-truth label stack (slice {@code z} of a
 * patch is stack slice {@code z + 1}): pixels equal to {@code foreground}
 * are foreground; with {@code foreground < 0}, every non-zero pixel is.
 */
public final class StackOracle implements Oracle {

	private final ImageStack labels;
	private final int foreground;

	public StackOracle(final ImageStack labels, final int foreground) {
		this.labels = labels;
		this.foreground = foreground;
	}

	@Override
	public byte[] annotate(final Patch p) {
		if (p.z() >= labels.getSize() || p.y() + p.h() > labels.getHeight() || p
			.x() + p.w() > labels.getWidth()) throw new UserException("Patch " + p
				.id() + " lies outside the ground truth (" + labels.getWidth() + " x " +
				labels.getHeight() + " x " + labels.getSize() + ")",
				"give a ground truth of the same size as the image");
		final ImageProcessor ip = labels.getProcessor(p.z() + 1);
		final byte[] mask = new byte[p.size()];
		for (int y = 0; y < p.h(); y++)
			for (int x = 0; x < p.w(); x++) {
				final float v = ip.getf(p.x() + x, p.y() + y);
				final boolean fg = foreground < 0 ? v != 0 : v == foreground;
				mask[y * p.w() + x] = (byte) (fg ? 1 : 0);
			}
		return mask;
	}
}
