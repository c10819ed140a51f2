package io.github.twostream.loop;

import io.github.twostream.model.SectionStack;
import io.github.twostream.structure.PatchSource;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;

/**
 * The patch pool of a volume as a {@link PatchSource}: index {@code i} is the
 * patch with id {@code i} of the grid, read normalised from the volume (with
 * {@link #withSections}: as the {@link SectionStack} a 2.5-D model takes).
 */
public final class PoolPatches implements PatchSource {

	private final Volume volume;
	private final PatchGrid grid;
	private final int sections;

	public PoolPatches(final Volume volume, final PatchGrid grid) {
		this(volume, grid, 0);
	}

	private PoolPatches(final Volume volume, final PatchGrid grid,
		final int sections)
	{
		this.volume = volume;
		this.grid = grid;
		this.sections = sections;
	}

	@Override
	public PatchSource withSections(final int n) {
		return n == sections ? this : new PoolPatches(volume, grid, n);
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
		final Patch p = grid.get(index);
		if (sections == 0) volume.readPatch(p, out);
		// NB: each section's patch is copied once, straight into out
		else SectionStack.stack(z -> volume.readPatch(p.atSection(z), null), p
			.z(), volume.depth(), sections, p.size(), out);
	}
}
