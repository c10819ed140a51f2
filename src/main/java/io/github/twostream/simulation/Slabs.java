package io.github.twostream.simulation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.Normalization;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.Volume;

/**
 * Views of a {@link SliceRange} of a volume or label image as a volume of
 * its own (slice 0 = the range's first slice). Closing a view does not close
 * the underlying image. NB: the view keeps the whole volume's
 * normalisation, so training and test parts of one stack are normalised
 * alike.
 */
public final class Slabs {

	private Slabs() {}

	public static Volume of(final Volume v, final SliceRange r) {
		r.check(v.depth(), "image " + v.source());
		final int z0 = r.from();
		return new Volume() {

			@Override
			public int width() {
				return v.width();
			}

			@Override
			public int height() {
				return v.height();
			}

			@Override
			public int depth() {
				return r.depth();
			}

			@Override
			public String source() {
				return v.source() + "[z=" + r + "]";
			}

			@Override
			public RandomAccessibleInterval<? extends RealType<?>> raw() {
				final RandomAccessibleInterval<? extends RealType<?>> all = v.raw();
				return Views.zeroMin(Views.interval(all, new long[] { 0, 0, z0 },
					new long[] { v.width() - 1, v.height() - 1, r.to() }));
			}

			@Override
			public Normalization normalization() {
				return v.normalization();
			}

			@Override
			public float[] readPatch(final Patch p, final float[] out) {
				return v.readPatch(shift(p, z0), out);
			}

			@Override
			public float[] readSlice(final int z, final float[] out) {
				return v.readSlice(z + z0, out);
			}

			@Override
			public int bitDepth() {
				return v.bitDepth();
			}
		};
	}

	public static LabelImage of(final LabelImage l, final SliceRange r) {
		r.check(l.depth(), "labels " + l.source());
		final int z0 = r.from();
		return new LabelImage() {

			@Override
			public int width() {
				return l.width();
			}

			@Override
			public int height() {
				return l.height();
			}

			@Override
			public int depth() {
				return r.depth();
			}

			@Override
			public String source() {
				return l.source() + "[z=" + r + "]";
			}

			@Override
			public byte[] readPatch(final Patch p, final byte[] out) {
				return l.readPatch(shift(p, z0), out);
			}

			@Override
			public byte[] readSlice(final int z, final byte[] out) {
				return l.readSlice(z + z0, out);
			}
		};
	}

	private static Patch shift(final Patch p, final int dz) {
		return p.atSection(p.z() + dz);
	}
}
