package io.github.twostream.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import ij.process.ByteProcessor;
import io.github.twostream.util.BadArgumentException;
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

	/**
	 * Refuses a foreground value the label image cannot mean: outside 0-255
	 * (a bad argument), or absent from slices {@code zs} while they hold two
	 * or more other values (a 0/1 or 0/128 mask read with the default 255
	 * would become all background). A single-valued image is accepted.
	 *
	 * @param option the option naming the value in messages ("--foreground")
	 */
	public static void checkForeground(final LabelImage labels,
		final int foreground, final String option, final int... zs)
	{
		if (foreground < 0 || foreground > 255) throw new BadArgumentException(
			option + " " + foreground + " is not a label value",
			"use 0-255, the value of the foreground in " + labels.source());
		final boolean[] seen = new boolean[256];
		byte[] slice = null;
		for (final int z : zs) {
			slice = labels.readSlice(z, slice);
			for (final byte b : slice)
				seen[b & 0xff] = true;
		}
		if (seen[foreground]) return;
		final List<Integer> values = new ArrayList<>();
		for (int v = 0; v < 256; v++)
			if (seen[v]) values.add(v);
		if (values.size() < 2) return;
		final String listed = values.size() <= 8 ? values.toString().replaceAll(
			"[\\[\\]]", "") : values.subList(0, 8).toString().replaceAll("[\\[\\]]",
				"") + ", ... (" + values.size() + " values)";
		throw new UserException(labels.source() + " holds the values " + listed +
			" but not the foreground value " + foreground + "; nothing was written",
			"give the label value of the foreground, e.g. " + option + " " + values
				.get(values.size() - 1));
	}

	/** All slice indices {@code 0 .. depth - 1}. */
	public static int[] allSlices(final LabelImage labels) {
		return IntStream.range(0, labels.depth()).toArray();
	}
}
