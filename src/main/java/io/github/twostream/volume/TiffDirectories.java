package io.github.twostream.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import io.github.twostream.util.UserException;

/**
 * A bounded, cycle-checked walk of a TIFF's page (IFD) chain, run before any
 * TIFF reader (ImageJ's {@code TiffDecoder}, {@code IJ.openImage}) sees the
 * file.
 * <p>
 * NB: those readers follow the "next IFD" offsets blindly, so a chain that
 * points back to an earlier page makes them spin forever, collecting pages
 * until the heap is gone. Here every offset is checked against the file size
 * and the pages seen so far, and the walk stops after at most one page per
 * minimal IFD's worth of bytes: a damaged file costs one clear error.
 * </p>
 */
public final class TiffDirectories {

	/** Upper bound on pages whatever the file size (ImageJ stacks stay far below). */
	static final int MAX_PAGES = 10_000_000;

	private TiffDirectories() {}

	/**
	 * Walks the page chain of {@code file} if it is a TIFF (else returns -1
	 * without complaint, for other readers to judge).
	 *
	 * @return the number of pages (IFDs), or -1 if the file is not a TIFF
	 * @throws UserException if the chain loops or a page lies outside the file
	 */
	public static long check(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final long size = ch.size();
			final ByteBuffer head = read(ch, 0, 16);
			if (head.remaining() < 8) return -1;
			final byte b0 = head.get(0), b1 = head.get(1);
			final ByteOrder order;
			if (b0 == 'I' && b1 == 'I') order = ByteOrder.LITTLE_ENDIAN;
			else if (b0 == 'M' && b1 == 'M') order = ByteOrder.BIG_ENDIAN;
			else return -1;
			head.order(order);
			final int magic = head.getShort(2) & 0xffff;
			final boolean big;
			if (magic == 42) big = false;
			else if (magic == 43 && head.remaining() >= 16) big = true;
			else return -1;
			long offset = big ? head.getLong(8) : head.getInt(4) & 0xffffffffL;
			final int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12,
					nextBytes = big ? 8 : 4;
			final long maxPages = Math.min(MAX_PAGES, size / (countBytes +
				nextBytes) + 1);
			final Set<Long> seen = new HashSet<>();
			long pages = 0;
			while (offset != 0) {
				if (offset < 8 || offset + countBytes > size) {
					// NB: a dangling link after the first page ends the chain, as
					// in ImageJ (missing pixels are reported by the reader)
					if (pages > 0) break;
					throw damaged(file, "its first page starts at byte " + offset +
						", outside the file's " + size + " bytes");
				}
				if (!seen.add(offset)) throw new UserException(file +
					" is damaged: its page chain loops (the link after page " + pages +
					" points back to byte " + offset + ", an earlier page)",
					"open it in Fiji and save it again as TIFF, or export it again from its source");
				if (++pages > maxPages) throw damaged(file, "more than " + maxPages +
					" pages for " + size + " bytes");
				final ByteBuffer c = read(ch, offset, countBytes).order(order);
				final long entries = big ? c.getLong(0) : c.getShort(0) & 0xffff;
				final long nextAt = offset + countBytes + entries * entryBytes;
				if (entries < 0 || nextAt + nextBytes > size) {
					if (pages > 1) break;
					throw damaged(file, "page " + pages + " (" + entries +
						" tags at byte " + offset + ") runs past the end of the file");
				}
				final ByteBuffer n = read(ch, nextAt, nextBytes).order(order);
				offset = big ? n.getLong(0) : n.getInt(0) & 0xffffffffL;
			}
			return pages;
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + file + " (" + e.getMessage() +
				")", "check that the file is readable");
		}
	}

	private static UserException damaged(final Path file, final String why) {
		return new UserException(file + " is damaged or truncated: " + why,
			"copy or export the file again, or open it in Fiji and save it as TIFF");
	}

	private static ByteBuffer read(final FileChannel ch, final long pos,
		final int n) throws IOException
	{
		final ByteBuffer b = ByteBuffer.allocate(n);
		while (b.hasRemaining())
			if (ch.read(b, pos + b.position()) < 0) break;
		b.flip();
		return b;
	}
}
