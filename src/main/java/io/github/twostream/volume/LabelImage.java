package io.github.twostream.volume;

/**
 * A label image with the same shape as its volume: one unsigned 8-bit class
 * value per voxel (e.g. 255 = mitochondrion, 0 = background), read lazily
 * slice by slice. Open one with {@link LabelImages#open}.
 */
public interface LabelImage extends AutoCloseable {

	int width();

	int height();

	int depth();

	/** Where the labels came from. */
	String source();

	/**
	 * Reads the labels of {@code patch} into {@code out} (row-major,
	 * {@code h * w} values 0-255), allocating it if null or too small.
	 */
	byte[] readPatch(Patch patch, byte[] out);

	/** Reads the labels of slice {@code z} (row-major). */
	byte[] readSlice(int z, byte[] out);

	@Override
	default void close() {}
}
