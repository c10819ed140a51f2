package io.github.twostream.structure;

import io.github.twostream.util.UserException;

/** Factory methods for {@link PatchSource}s. */
public final class PatchSources {

	private PatchSources() {}

	/**
	 * A source over patches held in memory; {@code patches[i]} is row-major
	 * with {@code size * size} values. The arrays are not copied.
	 */
	public static PatchSource of(final float[][] patches, final int size) {
		for (int i = 0; i < patches.length; i++)
			if (patches[i].length != size * size) throw new UserException("Patch " +
				i + " has " + patches[i].length + " values, expected " + size * size,
				"give every patch size x size values");
		return new PatchSource() {

			@Override
			public int count() {
				return patches.length;
			}

			@Override
			public int patchSize() {
				return size;
			}

			@Override
			public void read(final int index, final float[] out) {
				System.arraycopy(patches[index], 0, out, 0, size * size);
			}
		};
	}

	/** The patches of {@code source} whose indices are listed, in that order. */
	public static PatchSource subset(final PatchSource source,
		final int[] indices)
	{
		final int[] ids = indices.clone();
		return new PatchSource() {

			@Override
			public int count() {
				return ids.length;
			}

			@Override
			public int patchSize() {
				return source.patchSize();
			}

			@Override
			public void read(final int index, final float[] out) {
				source.read(ids[index], out);
			}

			@Override
			public PatchSource withSections(final int sections) {
				return sections == 0 ? this : subset(source.withSections(sections),
					ids);
			}
		};
	}
}
