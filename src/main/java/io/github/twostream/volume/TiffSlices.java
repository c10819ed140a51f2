package io.github.twostream.volume;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.ImageReader;
import ij.io.TiffDecoder;
import io.github.twostream.util.UserException;

/**
 * Lazy slice access to a grayscale (multi-page) TIFF through ImageJ 1's
 * {@link TiffDecoder} (header) and {@link ImageReader} (pixels).
 * <p>
 * NB: we read the IFDs once and then read each slice straight from its file
 * offset, like ImageJ's {@code FileInfoVirtualStack}, but without its GUI
 * error dialogs, so every problem becomes a {@link UserException}. Stacks
 * larger than 4 GB written by ImageJ have a single IFD plus
 * {@code images=N} in the ImageJ description and contiguous pixel data; we
 * expand that into one offset per slice, exactly as ImageJ does.
 * </p>
 */
final class TiffSlices implements SliceSource {

	private final Path file;
	private final FileInfo[] slices;
	private final int width, height, bitDepth;
	private final long fileSize;

	private TiffSlices(final Path file, final FileInfo[] slices,
		final int bitDepth, final long fileSize)
	{
		this.file = file;
		this.slices = slices;
		this.width = slices[0].width;
		this.height = slices[0].height;
		this.bitDepth = bitDepth;
		this.fileSize = fileSize;
	}

	/** Reads and validates the TIFF header of {@code file}. */
	static TiffSlices open(final Path file) {
		final long size = Volumes.requireFile(file);
		final String name = file.getFileName().toString();
		final String dir = dirOf(file);
		// NB: a looping page chain would make TiffDecoder spin forever
		TiffDirectories.check(file);
		final FileInfo[] info;
		try {
			info = new TiffDecoder(dir, name).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw notTiff(file, e.getMessage());
		}
		if (info == null || info.length == 0 || info[0].width <= 0 ||
			info[0].height <= 0) throw notTiff(file, null);
		final FileInfo first = info[0];
		checkType(file, first);
		checkHyperstack(file, first);
		final int w = first.width, h = first.height;
		if (w < Volumes.MIN_SIDE || h < Volumes.MIN_SIDE)
			throw new UserException(file + " is only " + w + " x " + h +
				" pixels, too small for an EM volume", "use an image of at least " +
					Volumes.MIN_SIDE + " x " + Volumes.MIN_SIDE +
					" pixels (patches are 64 x 64 by default)");
		final FileInfo[] slices = expand(info);
		for (int i = 0; i < slices.length; i++) {
			final FileInfo fi = slices[i];
			if (fi.width != w || fi.height != h || fi.fileType != first.fileType)
				throw new UserException(file + ": page " + (i + 1) + " is " +
					fi.width + " x " + fi.height + " but page 1 is " + w + " x " + h +
					" (or has another pixel type)",
					"save all slices with the same size and type (e.g. via Fiji's Image > Stacks tools)");
			fi.directory = dir;
			fi.fileName = name;
		}
		checkComplete(file, slices, size);
		return new TiffSlices(file, slices, bitDepth(first), size);
	}

	private static String dirOf(final Path file) {
		final Path parent = file.toAbsolutePath().getParent();
		final String d = parent == null ? "" : parent.toString();
		return d.endsWith(java.io.File.separator) ? d : d + java.io.File.separator;
	}

	private static UserException notTiff(final Path file, final String why) {
		return new UserException(file + " is not a readable TIFF file" +
			(why == null || why.isBlank() ? "" : " (" + why.strip() + ")"),
			"open it in Fiji and save it as TIFF (File > Save As > Tiff...)");
	}

	private static void checkType(final Path file, final FileInfo fi) {
		switch (fi.fileType) {
			case FileInfo.RGB, FileInfo.RGB_PLANAR, FileInfo.BGR, FileInfo.ARGB,
				FileInfo.BARG, FileInfo.ABGR, FileInfo.CMYK, FileInfo.RGB48,
				FileInfo.RGB48_PLANAR -> throw new UserException(file +
					" is an RGB colour image, but EM volumes must be grayscale",
					"convert it in Fiji (Image > Type > 8-bit) and save it again");
			default -> {
				if (bitDepth(fi) == 0) throw new UserException(file +
					" has an unsupported pixel type (ImageJ file type " + fi.fileType +
					")", "convert it in Fiji to 8-, 16- or 32-bit grayscale and save it as TIFF");
			}
		}
	}

	static int bitDepth(final FileInfo fi) {
		return switch (fi.fileType) {
			case FileInfo.GRAY8, FileInfo.COLOR8, FileInfo.BITMAP -> 8;
			case FileInfo.GRAY16_SIGNED, FileInfo.GRAY16_UNSIGNED,
				FileInfo.GRAY12_UNSIGNED, FileInfo.GRAY10_UNSIGNED -> 16;
			case FileInfo.GRAY32_INT, FileInfo.GRAY32_UNSIGNED,
				FileInfo.GRAY32_FLOAT, FileInfo.GRAY24_UNSIGNED,
				FileInfo.GRAY64_FLOAT -> 32;
			default -> 0;
		};
	}

	private static void checkHyperstack(final Path file, final FileInfo fi) {
		final Properties props = fi.description == null ? null : new FileOpener(
			fi).decodeDescriptionString(fi);
		if (props == null) return;
		final int channels = intProp(props, "channels");
		final int slices = intProp(props, "slices");
		final int frames = intProp(props, "frames");
		// NB: a stack with just one axis > 1 is a plain Z stack whatever ImageJ
		// called the axis (e.g. the Lucchi++ labels are saved as "channels=30");
		// only real multi-axis hyperstacks are ambiguous
		if (channels > 1 && (slices > 1 || frames > 1))
			throw new UserException(file + " is a hyperstack with " + channels +
				" channels (C axis)" + (frames > 1 ? " and " + frames +
					" time frames (T axis)" : "") + "; one grayscale channel is needed",
				"split it in Fiji (Image > Color > Split Channels) and save the EM channel as its own TIFF");
		if (frames > 1 && slices > 1) throw new UserException(file +
			" is a hyperstack with " + frames + " time frames (T axis) and " +
			slices + " slices; one 3-D volume is needed",
			"keep one frame (Image > Duplicate... with a single frame) and save it as TIFF");
	}

	private static int intProp(final Properties p, final String key) {
		try {
			return Integer.parseInt(p.getProperty(key, "1").trim());
		}
		catch (final NumberFormatException e) {
			return 1;
		}
	}

	/** One FileInfo per slice (ImageJ >4 GB stacks have one IFD for all). */
	private static FileInfo[] expand(final FileInfo[] info) {
		if (info.length > 1 || info[0].nImages <= 1) return info;
		final FileInfo fi = info[0];
		final int n = fi.nImages;
		final long bytes = sliceBytes(fi);
		final long gap = fi.getGap();
		final FileInfo[] out = new FileInfo[n];
		for (int i = 0; i < n; i++) {
			final FileInfo c = (FileInfo) fi.clone();
			c.nImages = 1;
			c.longOffset = fi.getOffset() + i * (bytes + gap);
			c.offset = 0;
			out[i] = c;
		}
		return out;
	}

	private static long sliceBytes(final FileInfo fi) {
		if (fi.fileType == FileInfo.BITMAP) return (long) ((fi.width + 7) / 8) *
			fi.height;
		return (long) fi.width * fi.height * fi.getBytesPerPixel();
	}

	/** Truncated files: the pixels of some slices lie beyond the end. */
	private static void checkComplete(final Path file, final FileInfo[] slices,
		final long size)
	{
		int firstMissing = -1;
		long needed = 0;
		for (int i = 0; i < slices.length; i++) {
			final long end = endOf(slices[i]);
			if (end > size && firstMissing < 0) firstMissing = i;
			needed = Math.max(needed, end);
		}
		if (firstMissing >= 0) throw new UserException(file +
			" is truncated: slices " + (firstMissing + 1) + "-" + slices.length +
			" of " + slices.length + " are missing or incomplete (file has " + size +
			" bytes, needs " + needed + ")",
			"copy or export the file again (an interrupted download or save?)");
	}

	private static long endOf(final FileInfo fi) {
		if (fi.compression <= FileInfo.COMPRESSION_NONE || fi.stripOffsets ==
			null || fi.stripLengths == null)
		{
			return fi.getOffset() + sliceBytes(fi);
		}
		long end = 0;
		for (int s = 0; s < fi.stripOffsets.length && s < fi.stripLengths.length; s++)
			end = Math.max(end, (fi.stripOffsets[s] & 0xffffffffL) +
				(fi.stripLengths[s] & 0xffffffffL));
		return end;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public int depth() {
		return slices.length;
	}

	@Override
	public int bitDepth() {
		return bitDepth;
	}

	@Override
	public String source() {
		return file.toString();
	}

	@Override
	public long fileSize() {
		return fileSize;
	}

	@Override
	public Optional<VoxelSize> voxelSize() {
		final FileInfo fi = slices[0];
		if (fi.unit == null || fi.unit.isBlank() || "pixel".equals(fi.unit) ||
			"pixels".equals(fi.unit)) return Optional.empty();
		return Optional.of(new VoxelSize(fi.pixelWidth, fi.pixelHeight,
			fi.pixelDepth, fi.unit));
	}

	@Override
	public Object readSlice(final int z) {
		final FileInfo fi = slices[z];
		final Object pixels;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file),
			1 << 16))
		{
			pixels = new ImageReader(fi).readPixels(in);
		}
		catch (final IOException e) {
			throw new UserException("Cannot read slice " + (z + 1) + " of " + file +
				" (" + e.getMessage() + ")", "check that the file is still there and readable");
		}
		if (pixels == null) throw new UserException("Cannot decode slice " + (z +
			1) + " of " + file, "open it in Fiji and save it again as uncompressed TIFF");
		if (pixels instanceof byte[] || pixels instanceof short[] ||
			pixels instanceof float[]) return pixels;
		throw new UserException("Slice " + (z + 1) + " of " + file +
			" has an unsupported pixel type", "convert it to 8-, 16- or 32-bit grayscale in Fiji");
	}
}
