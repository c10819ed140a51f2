package io.github.twostream.volume;

import java.util.Optional;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A 3-D grayscale EM volume (axes X, Y, Z, ImgLib2 order), possibly larger
 * than the heap: implementations read lazily, block by block.
 * <p>
 * Intensities are normalised once per volume with robust percentiles (see
 * {@link #normalization()}); {@link #readPatch} returns normalised floats,
 * which is what both streams consume.
 * </p>
 */
public interface Volume extends AutoCloseable {

	/** Width (X), in pixels. */
	int width();

	/** Height (Y), in pixels. */
	int height();

	/** Number of slices (Z). */
	int depth();

	/** Where the volume came from (a file path, optionally "#/dataset"). */
	String source();

	/** The raw intensities, lazily loaded. */
	RandomAccessibleInterval<? extends RealType<?>> raw();

	/** The percentile normalisation of this volume, computed once. */
	Normalization normalization();

	/**
	 * Reads the normalised pixels of {@code patch} into {@code out} (row-major,
	 * {@code h * w} values), allocating it if null or too small.
	 */
	float[] readPatch(Patch patch, float[] out);

	/** Reads the normalised pixels of slice {@code z} (row-major, h * w). */
	float[] readSlice(int z, float[] out);

	/** Bits per pixel of the stored intensities (8, 16 or 32). */
	default int bitDepth() {
		return 32;
	}

	/** Physical voxel size, if the file records one. */
	default Optional<VoxelSize> voxelSize() {
		return Optional.empty();
	}

	@Override
	default void close() {}
}
