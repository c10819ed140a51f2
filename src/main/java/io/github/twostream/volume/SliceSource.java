package io.github.twostream.volume;

import java.util.Optional;

/**
 * Reads whole slices of a 3-D image in their native pixel type, one at a
 * time. The building block behind {@link DefaultVolume} and
 * {@link LabelImage}; implementations validate the header when they are
 * created and read pixels only on demand.
 */
interface SliceSource extends AutoCloseable {

	int width();

	int height();

	int depth();

	/** 8, 16 or 32. */
	int bitDepth();

	/** Where the image came from (a path, optionally "#/dataset"). */
	String source();

	/** Size of the backing file in bytes. */
	long fileSize();

	/** Physical voxel size, if the file records one. */
	default Optional<VoxelSize> voxelSize() {
		return Optional.empty();
	}

	/**
	 * The pixels of slice {@code z} (0-based), row-major: {@code byte[]}
	 * (unsigned 8-bit), {@code short[]} (unsigned 16-bit) or {@code float[]}.
	 */
	Object readSlice(int z);

	@Override
	default void close() {}
}
