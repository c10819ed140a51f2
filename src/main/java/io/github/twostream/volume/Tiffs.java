package io.github.twostream.volume;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntFunction;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.twostream.util.UserException;

/**
 * Atomic, streamed TIFF writing: slices are produced one at a time (so a
 * stack larger than the heap can be written) into a temporary file in the
 * target folder, which then replaces the target in one rename
 * ({@link ImageFiles#replace}).
 */
public final class Tiffs {

	private Tiffs() {}

	/**
	 * Writes a {@code w x h x d} stack whose slice {@code z} (0-based) is
	 * {@code slices.apply(z)}, atomically.
	 */
	public static void write(final Path tif, final int w, final int h,
		final int d, final IntFunction<ImageProcessor> slices)
	{
		if (w < 1 || h < 1 || d < 1) throw new IllegalArgumentException(
			"bad shape " + w + " x " + h + " x " + d);
		ImageFiles.replace(tif, tmp -> {
			if (d == 1) return new FileSaver(new ImagePlus(tif.getFileName()
				.toString(), checked(slices.apply(0), w, h, 0))).saveAsTiff(tmp
					.toString());
			// NB: a generated VirtualStack makes ImageJ's writer stream slices
			final VirtualStack stack = new VirtualStack(w, h, null, null) {

				@Override
				public ImageProcessor getProcessor(final int n) {
					return checked(slices.apply(n - 1), w, h, n - 1);
				}

				@Override
				public int getSize() {
					return d;
				}

				@Override
				public String getSliceLabel(final int n) {
					return null;
				}
			};
			return new FileSaver(new ImagePlus(tif.getFileName().toString(), stack))
				.saveAsTiffStack(tmp.toString());
		});
	}

	/** Writes a 32-bit stack whose slice {@code z} is {@code slices.apply(z)}. */
	public static void writeFloat(final Path tif, final int w, final int h,
		final int d, final IntFunction<float[]> slices)
	{
		write(tif, w, h, d, z -> new FloatProcessor(w, h, slices.apply(z)));
	}

	/**
	 * Writes a stack derived slice by slice from the 32-bit TIFF stack
	 * {@code source}: slice {@code z} of {@code tif} is {@code derive} of slice
	 * {@code z}'s raw floats. Streamed and atomic like {@link #write}; lets a
	 * second output of one computation (say, a mask from probabilities just
	 * written) cost a read instead of the computation again.
	 */
	public static void writeDerived(final Path source, final Path tif,
		final Function<float[], ImageProcessor> derive)
	{
		try (TiffSlices in = TiffSlices.open(source)) {
			if (in.bitDepth() != 32) throw new IllegalArgumentException(source +
				" is " + in.bitDepth() + "-bit, not 32-bit");
			write(tif, in.width(), in.height(), in.depth(), z -> derive.apply(
				(float[]) in.readSlice(z)));
		}
	}

	private static ImageProcessor checked(final ImageProcessor ip, final int w,
		final int h, final int z)
	{
		if (ip.getWidth() != w || ip.getHeight() != h)
			throw new IllegalArgumentException("slice " + z + " is " + ip.getWidth() +
				" x " + ip.getHeight() + ", expected " + w + " x " + h);
		return ip;
	}
}
