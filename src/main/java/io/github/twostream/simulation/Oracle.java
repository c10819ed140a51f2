package io.github.twostream.simulation;

import io.github.twostream.util.Progress;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;

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

	/**
	 * The foreground fraction of every patch of {@code grid} (what
	 * {@code random-fg} and the pick analyses read), cancellable.
	 */
	default double[] foregroundFractions(final PatchGrid grid,
		final Progress progress)
	{
		final double[] f = new double[grid.size()];
		for (int id = 0; id < f.length; id++) {
			if (id % 256 == 0) progress.checkCancelled();
			f[id] = CostModel.foregroundFraction(annotate(grid.get(id)));
		}
		return f;
	}
}
