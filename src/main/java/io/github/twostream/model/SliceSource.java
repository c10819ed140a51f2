package io.github.twostream.model;

/** Supplies one z-slice of a volume at a time, as row-major normalised floats. */
@FunctionalInterface
public interface SliceSource {

	/** Slice {@code z}: {@code width * height} values, index {@code y * width + x}. */
	float[] slice(int z);
}
