package io.github.twostream.volume;

import java.nio.file.Path;

import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.twostream.util.Progress;

/**
 * Streams large synthetic 8-bit TIFF stacks to disk (for benchmarks), one
 * slice in memory at a time.
 * <p>
 * NB: through {@link Tiffs#write}, which lets ImageJ's own {@link FileSaver}
 * write the file (atomically) from a {@link VirtualStack} whose slices are
 * generated on demand, so ImageJ's writer streams slice by slice. Classic TIFF offsets are 32-bit; for stacks
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
		Tiffs.write(tif, w, h, d, z -> {
			progress.progress(z + 1, d);
			progress.checkCancelled();
			final byte[] px = new byte[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					px[y * w + x] = (byte) syntheticValue(x, y, z);
			return new ByteProcessor(w, h, px);
		});
	}
}
