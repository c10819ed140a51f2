package io.github.twostream.volume;

/** Physical size of one voxel along X, Y and Z, in {@code unit}. */
public record VoxelSize(double x, double y, double z, String unit) {

	@Override
	public String toString() {
		return x + " x " + y + " x " + z + " " + unit;
	}
}
