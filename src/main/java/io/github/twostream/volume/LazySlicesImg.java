package io.github.twostream.volume;

import java.util.function.IntFunction;

import net.imglib2.AbstractInterval;
import net.imglib2.Interval;
import net.imglib2.Point;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A lazy 3-D (X, Y, Z) ImgLib2 image over whole slices fetched on demand
 * (e.g. from a {@link SliceCache}); values are the raw intensities as floats.
 * <p>
 * NB: a minimal custom {@link RandomAccessibleInterval} because
 * imglib2-cache is not a dependency; random access costs a slice lookup per
 * Z change, so iterate slice by slice. Read-only: writes to the returned
 * {@link FloatType} are lost.
 * </p>
 */
final class LazySlicesImg extends AbstractInterval implements
	RandomAccessibleInterval<FloatType>
{

	private final int width;
	private final IntFunction<Object> slices;

	LazySlicesImg(final int width, final int height, final int depth,
		final IntFunction<Object> slices)
	{
		super(new long[] { width, height, depth });
		this.width = width;
		this.slices = slices;
	}

	@Override
	public RandomAccess<FloatType> randomAccess() {
		return new Access();
	}

	@Override
	public RandomAccess<FloatType> randomAccess(final Interval interval) {
		return randomAccess();
	}

	@Override
	public FloatType getType() {
		return new FloatType();
	}

	private final class Access extends Point implements RandomAccess<FloatType> {

		private final FloatType value = new FloatType();
		private long currentZ = -1;
		private Object current;

		Access() {
			super(3);
		}

		Access(final Access other) {
			super(other);
		}

		@Override
		public FloatType get() {
			final long z = position[2];
			if (z != currentZ) {
				current = slices.apply((int) z);
				currentZ = z;
			}
			value.set(Pixels.get(current, (int) (position[1] * width +
				position[0])));
			return value;
		}

		@Override
		public Access copy() {
			return new Access(this);
		}
	}
}
