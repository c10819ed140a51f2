package io.github.twostream.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.github.twostream.util.UserException;

/**
 * Opens EM volumes and fingerprints them.
 * <p>
 * A volume spec is either a path to a (multi-page) grayscale TIFF (8, 16 or
 * 32 bit) or an HDF5 file, optionally with a dataset:
 * {@code file.h5#/volumes/raw}; without {@code #} the first 3-D numeric
 * dataset is used. Every problem with the input is a {@link UserException}.
 * </p>
 */
public final class Volumes {

	/** Smallest accepted width and height, in pixels. */
	public static final int MIN_SIDE = 8;

	/** Files up to this fraction of the max heap are kept whole once read. */
	static final double WHOLE_FILE_HEAP_FRACTION = 0.25;

	/** Files up to this size are hashed completely by {@link #fingerprint}. */
	static final long FINGERPRINT_WHOLE_FILE = 1 << 20;
	static final int FINGERPRINT_BLOCKS = 64, FINGERPRINT_BLOCK_SIZE = 4096;

	private Volumes() {}

	/** Opens the volume at {@code spec} (see the class docs). */
	public static Volume open(final String spec) {
		final SliceSource source = openSource(spec);
		try {
			final long heap = Runtime.getRuntime().maxMemory();
			final long whole = (long) source.width() * source.height() * source
				.depth() * Math.max(1, source.bitDepth() / 8);
			final boolean small = whole <= heap * WHOLE_FILE_HEAP_FRACTION;
			// NB: big volumes keep only a few slices (~1/16 of the heap, <= 256 MB)
			final long budget = small ? whole : Math.min(heap / 16, 256L << 20);
			final DefaultVolume v = new DefaultVolume(source, budget);
			if (small) v.checkAllFinite();
			return v;
		}
		catch (final RuntimeException e) {
			source.close();
			throw e;
		}
	}

	/** Opens the header of a TIFF or HDF5 spec, reading no pixels. */
	static SliceSource openSource(final String spec) {
		if (spec == null || spec.isBlank()) throw new UserException(
			"No image given", "pass the path of a TIFF or HDF5 volume");
		final int hash = spec.indexOf('#');
		final String pathPart = hash < 0 ? spec : spec.substring(0, hash);
		final String dataset = hash < 0 ? null : spec.substring(hash + 1);
		final Path path = toPath(pathPart);
		if (isHdf5(path) || dataset != null) {
			if (dataset != null && dataset.isBlank()) throw new UserException(
				"Empty HDF5 dataset name in '" + spec + "'",
				"use FILE.h5#/path/to/dataset, or FILE.h5 for the first 3-D dataset");
			return Hdf5Slices.open(path, dataset == null ? null : dataset
				.startsWith("/") ? dataset : "/" + dataset);
		}
		return TiffSlices.open(path);
	}

	static Path toPath(final String s) {
		try {
			return Path.of(s);
		}
		catch (final InvalidPathException e) {
			throw new UserException("'" + s + "' is not a valid path",
				"pass the path of a TIFF or HDF5 file");
		}
	}

	static boolean isHdf5(final Path path) {
		final String n = path.getFileName() == null ? "" : path.getFileName()
			.toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf")) return true;
		// NB: sniff the HDF5 signature so misnamed files still open
		if (!Files.isRegularFile(path)) return false;
		try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
			final ByteBuffer b = ByteBuffer.allocate(8);
			ch.read(b, 0);
			return b.position() == 8 && new String(b.array(),
				StandardCharsets.ISO_8859_1).equals("\u0089HDF\r\n\u001a\n");
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Checks that {@code file} is a readable regular file; returns its size. */
	static long requireFile(final Path file) {
		if (!Files.exists(file)) throw new UserException("Image file " + file +
			" does not exist", "check the path (it is resolved against " + Path.of(
				"").toAbsolutePath() + ")");
		if (!Files.isRegularFile(file)) throw new UserException(file +
			" is not a file", "pass the path of a TIFF or HDF5 file, not a folder");
		if (!Files.isReadable(file)) throw new UserException(file +
			" is not readable", "check its permissions");
		try {
			final long size = Files.size(file);
			if (size == 0) throw new UserException(file + " is empty (0 bytes)",
				"copy or export the image again");
			return size;
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + file + " (" + e.getMessage() +
				")", "check that the file is readable");
		}
	}

	/**
	 * A cheap, content-sensitive fingerprint of a volume (64 hex digits):
	 * SHA-256 over the source (dataset), file size, dimensions, bit depth and
	 * the file bytes -- all of them for files up to 1 MiB, else 64 blocks of 4
	 * KiB evenly spread over the file (first and last included). Stable across
	 * runs and machines; a change to the file is detected if it changes its
	 * size, header or a sampled block.
	 */
	public static String fingerprint(final String spec) {
		try (SliceSource src = openSource(spec)) {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			final int hash = spec.indexOf('#');
			final Path file = toPath(hash < 0 ? spec : spec.substring(0, hash));
			final String dataset = src.source().contains("#") ? src.source()
				.substring(src.source().indexOf('#')) : "";
			md.update(("twostream-fingerprint-v1\n" + dataset + "\n" + src
				.fileSize() + "\n" + src.width() + "x" + src.height() + "x" + src
					.depth() + "\n" + src.bitDepth() + "\n").getBytes(
						StandardCharsets.UTF_8));
			try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
				final long size = ch.size();
				if (size <= FINGERPRINT_WHOLE_FILE) update(md, ch, 0, (int) size);
				else for (int i = 0; i < FINGERPRINT_BLOCKS; i++) {
					final long off = i * (size - FINGERPRINT_BLOCK_SIZE) /
						(FINGERPRINT_BLOCKS - 1);
					update(md, ch, off, FINGERPRINT_BLOCK_SIZE);
				}
			}
			return HexFormat.of().formatHex(md.digest());
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + spec + " (" + e.getMessage() +
				")", "check that the file is readable");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // NB: every JRE has SHA-256
		}
	}

	private static void update(final MessageDigest md, final FileChannel ch,
		final long offset, final int length) throws IOException
	{
		final ByteBuffer b = ByteBuffer.allocate(length);
		while (b.hasRemaining()) {
			if (ch.read(b, offset + b.position()) < 0) break;
		}
		b.flip();
		md.update(b);
	}
}
