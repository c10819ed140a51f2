package io.github.twostream.volume;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

/** Writes small test TIFFs with ImageJ itself. */
final class TestImages {

	private TestImages() {}

	/** Pixel value at (x, y, z) of the test pattern, for a given bit depth. */
	static double value(final int bitDepth, final int x, final int y,
		final int z)
	{
		final int v = (x * 7 + y * 13 + z * 31) % 251;
		return switch (bitDepth) {
			case 8 -> v;
			case 16 -> v * 200 + 17;
			default -> v * 0.5 - 20.25;
		};
	}

	static ImagePlus pattern(final int bitDepth, final int w, final int h,
		final int d)
	{
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			final var ip = switch (bitDepth) {
				case 8 -> new ByteProcessor(w, h);
				case 16 -> new ShortProcessor(w, h);
				default -> new FloatProcessor(w, h);
			};
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					ip.putPixelValue(x, y, value(bitDepth, x, y, z));
			stack.addSlice(ip);
		}
		return new ImagePlus("test", stack);
	}

	static Path save(final ImagePlus imp, final Path file) {
		if (!IJ.saveAsTiff(imp, file.toString())) throw new IllegalStateException(
			"could not save " + file);
		return file;
	}

	static Path pattern(final Path dir, final String name, final int bitDepth,
		final int w, final int h, final int d)
	{
		return save(pattern(bitDepth, w, h, d), dir.resolve(name));
	}
}
