package io.github.twostream.volume;

import java.nio.file.Path;
import java.util.function.IntFunction;

import ij.process.ByteProcessor;
import io.github.twostream.util.UserException;

/**
 * Reads and writes label images: 8-bit (or 16-bit with values 0-255) TIFF or
 * HDF5, same shape as the volume they label.
 */
public final class LabelImages {

	private LabelImages() {}

	/** Opens a label image of any shape (TIFF or HDF5 spec, as for volumes). */
	public static LabelImage open(final String spec) {
		final SliceSource src = Volumes.openSource(spec);
		if (src.bitDepth() == 32) {
			src.close();
			throw new UserException("Label image " + spec +
				" is 32-bit, but labels must be 8- or 16-bit integers",
				"convert it in Fiji (Image > Type > 8-bit) and save it again");
		}
		final long heap = Runtime.getRuntime().maxMemory();
		final long whole = (long) src.width() * src.height() * src.depth() * (src
			.bitDepth() / 8);
		return new DefaultLabelImage(src, whole <= heap / 4 ? whole : Math.min(
			heap / 32, 128L << 20));
	}

	/** Opens a label image and checks it has the shape of {@code volume}. */
	public static LabelImage open(final String spec, final Volume volume) {
		return open(spec, volume.width(), volume.height(), volume.depth());
	}

	/** Opens a label image and checks it is {@code w x h x d}. */
	public static LabelImage open(final String spec, final int w, final int h,
		final int d)
	{
		final LabelImage labels = open(spec);
		if (labels.width() != w || labels.height() != h || labels.depth() != d) {
			labels.close();
			throw new UserException("Label image " + spec + " is " + labels
				.width() + " x " + labels.height() + " x " + labels.depth() +
				" but the volume is " + w + " x " + h + " x " + d +
				" (width x height x slices)",
				"use the labels made for this volume, or crop/pad them to the same shape");
		}
		return labels;
	}

	/**
	 * Writes a {@code w x h x d} 8-bit multi-page TIFF atomically: slice
	 * {@code z} (0-based) comes from {@code slices.apply(z)} (row-major
	 * {@code w * h} bytes), one slice in memory at a time; the file is written
	 * to a temporary file in the same folder and then moved over
	 * {@code tif}, so readers never see a half-written file.
	 */
	public static void write(final Path tif, final int w, final int h,
		final int d, final IntFunction<byte[]> slices)
	{
		Tiffs.write(tif, w, h, d, z -> processor(w, h, z, slices));
	}

	private static ByteProcessor processor(final int w, final int h,
		final int z, final IntFunction<byte[]> slices)
	{
		final byte[] px = slices.apply(z);
		if (px == null || px.length != w * h) throw new IllegalArgumentException(
			"slice " + z + " has " + (px == null ? "no" : px.length) +
				" pixels, expected " + w * h);
		return new ByteProcessor(w, h, px);
	}
}
