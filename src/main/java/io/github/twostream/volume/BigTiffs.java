package io.github.twostream.volume;

import java.nio.file.Path;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Streams large synthetic 8-bit TIFF stacks to disk (for benchmarks), one
 * slice in memory at a time.
 * <p>
 * NB: we let ImageJ's own {@link FileSaver} write the file from a
 * {@link VirtualStack} whose slices are generated on demand, so ImageJ's
 * writer streams slice by slice. Classic TIFF offsets are 32-bit; for stacks
 * over 4 GB ImageJ writes a single IFD with {@code images=N} in its
 * description and contiguous pixels (its "large stack" convention), which
 * ImageJ, Fiji and {@link Volumes#open} read back -- no BigTIFF needed.
 * </p>
 */
public final class BigTiffs {

	private BigTiffs() {}

	/** The value of pixel (x, y, z) in {@link #writeSynthetic8Bit}'s stacks. */
	public static int syntheticValue(final int x, final int y, final int z) {
		return ((x ^ y) + 3 * z + ((x * y) >> 7)) & 0xff;
	}

	/** Writes a {@code w x h x d} 8-bit stack with a cheap textured pattern. */
	public static void writeSynthetic8Bit(final Path tif, final int w,
		final int h, final int d, final Progress progress)
	{
		progress.status("Writing " + w + " x " + h + " x " + d + " TIFF " + tif);
		final VirtualStack stack = new VirtualStack(w, h, null, null) {

			@Override
			public ImageProcessor getProcessor(final int n) {
				progress.progress(n, d);
				progress.checkCancelled();
				final byte[] px = new byte[w * h];
				final int z = n - 1;
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						px[y * w + x] = (byte) syntheticValue(x, y, z);
				return new ByteProcessor(w, h, px);
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
		final ImagePlus imp = new ImagePlus("bench", stack);
		if (!new FileSaver(imp).saveAsTiffStack(tif.toString()))
			throw new UserException("Could not write " + tif,
				"check free disk space and permissions of " + tif.getParent());
	}
}
