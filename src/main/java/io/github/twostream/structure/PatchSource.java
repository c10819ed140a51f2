package io.github.twostream.structure;

/**
 * The patch pool as stream B sees it: {@link #count()} square patches of
 * {@link #patchSize()} x {@link #patchSize()} normalised intensities (values
 * roughly in [0, 1]), addressed by a dense index {@code 0..count-1}.
 * <p>
 * NB: deliberately free of the project's volume types, so the encoder, the
 * neighbour search and the quality measure work on plain arrays; an adapter
 * over {@code Volume} + {@code PatchGrid} supplies real data.
 * </p>
 */
public interface PatchSource {

	/** Number of patches. */
	int count();

	/** Side length of the (square) patches, in pixels. */
	int patchSize();

	/**
	 * Reads patch {@code index} into {@code out} (row-major,
	 * {@code patchSize * patchSize} values, {@code index = y * size + x}).
	 */
	void read(int index, float[] out);

	/**
	 * The same pool, each patch followed by its {@code sections} neighbouring
	 * sections on each side as further planes ({@code (2 sections + 1) *
	 * patchSize^2} values per read; the 2.5-D input of the task model). This
	 * source itself for 0.
	 * <p>
	 * NB: only a pool that knows its volume can; the others refuse.
	 * </p>
	 */
	default PatchSource withSections(final int sections) {
		if (sections == 0) return this;
		throw new UnsupportedOperationException(
			"this patch pool has no neighbouring sections");
	}
}
