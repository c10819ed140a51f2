package io.github.twostream.loop;

import io.github.twostream.structure.PatchSource;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;

/**
 * The patch pool of a volume as a {@link PatchSource}: index {@code i} is the
 * patch with id {@code i} of the grid, read normalised from the volume.
 */
public final class PoolPatches implements PatchSource {

	private final Volume volume;
	private final PatchGrid grid;

	public PoolPatches(final Volume volume, final PatchGrid grid) {
		this.volume = volume;
		this.grid = grid;
	}

	public PatchGrid grid() {
		return grid;
	}

	@Override
	public int count() {
		return grid.size();
	}

	@Override
	public int patchSize() {
		return grid.patchSize();
	}

	@Override
	public void read(final int index, final float[] out) {
		volume.readPatch(grid.get(index), out);
	}
}
