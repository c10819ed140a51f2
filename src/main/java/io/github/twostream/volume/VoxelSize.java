package io.github.twostream.volume;

/** Physical size of one voxel along X, Y and Z, in {@code unit}. */
public record VoxelSize(double x, double y, double z, String unit) {

	/** Section thickness over the mean pixel side, e.g. 12.5 for 4 x 4 x 50 nm. */
	public double anisotropy() {
		return z / ((x + y) / 2);
	}

	@Override
	public String toString() {
		return x + " x " + y + " x " + z + " " + unit;
	}
}
