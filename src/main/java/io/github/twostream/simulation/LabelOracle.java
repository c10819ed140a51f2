package io.github.twostream.simulation;

import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.Patch;

/**
 * An {@link Oracle} over a lazily read {@link LabelImage}: a patch's labels
 * equal to {@code foreground} are foreground, all others background (the
 * same binarisation as {@link LabelTransfer#toMask}).
 */
public final class LabelOracle implements Oracle {

	private final LabelImage labels;
	private final int foreground;

	public LabelOracle(final LabelImage labels, final int foreground) {
		this.labels = labels;
		this.foreground = foreground;
	}

	@Override
	public byte[] annotate(final Patch patch) {
		return LabelTransfer.toMask(labels.readPatch(patch, null), patch.size(),
			foreground);
	}
}
