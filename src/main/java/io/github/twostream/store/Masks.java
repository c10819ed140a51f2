package io.github.twostream.store;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.github.twostream.util.UserException;

/**
 * Label mask values, validation and the stored form (Deflate + CRC32).
 */
public final class Masks {

	/** Background pixel. */
	public static final byte BACKGROUND = 0;
	/** Foreground pixel. */
	public static final byte FOREGROUND = 1;
	/** Unlabelled pixel of a scribble: (byte) 255. */
	public static final byte IGNORE = (byte) 255;

	private Masks() {}

	/** A mask compressed for storage, with the CRC32 of the raw bytes. */
	record Encoded(byte[] blob, int size, long crc) {}

	/** Throws a clear error unless the mask has the right size and values. */
	public static void validate(final int patchId, final LabelKind kind,
		final byte[] mask, final int expectedSize)
	{
		if (mask == null || mask.length != expectedSize) throw new UserException(
			"The label for patch " + patchId + " has " + (mask == null ? 0
				: mask.length) + " pixels, not " + expectedSize,
			"give a mask of the patch's size");
		for (final byte b : mask) {
			if (b == BACKGROUND || b == FOREGROUND) continue;
			if (b == IGNORE && kind == LabelKind.SCRIBBLE) continue;
			throw new UserException("The " + kind.key() + " label for patch " +
				patchId + " contains the value " + (b & 0xff),
				kind == LabelKind.DENSE
					? "dense labels use 0 (background) and 1 (foreground) only; save partial labels as scribbles"
					: "scribbles use 0 (background), 1 (foreground) and 255 (unlabelled) only");
		}
	}

	static long crc(final byte[] raw) {
		final CRC32 crc = new CRC32();
		crc.update(raw);
		return crc.getValue();
	}

	static Encoded encode(final byte[] raw) {
		final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(raw);
			deflater.finish();
			final ByteArrayOutputStream out = new ByteArrayOutputStream(64 + raw.length / 8);
			final byte[] buf = new byte[8192];
			while (!deflater.finished())
				out.write(buf, 0, deflater.deflate(buf));
			return new Encoded(out.toByteArray(), raw.length, crc(raw));
		}
		finally {
			deflater.end();
		}
	}

	/**
	 * Inflates a stored mask and checks its size and CRC32.
	 *
	 * @throws UserException naming the patch if the bytes are corrupt
	 */
	static byte[] decode(final int patchId, final byte[] blob, final int size,
		final long crc)
	{
		final byte[] raw = new byte[size];
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(blob);
			int n = 0;
			while (n < size && !inflater.finished()) {
				final int k = inflater.inflate(raw, n, size - n);
				if (k == 0 && (inflater.needsInput() || inflater.needsDictionary()))
					break;
				n += k;
			}
			if (n != size || !inflater.finished() || crc(raw) != crc)
				throw corrupt(patchId, null);
			return raw;
		}
		catch (final DataFormatException e) {
			throw corrupt(patchId, e);
		}
		finally {
			inflater.end();
		}
	}

	private static UserException corrupt(final int patchId, final Exception e) {
		return new UserException("The stored label of patch " + patchId +
			" is corrupt (checksum mismatch)",
			"restore project.db from a backup, or remove and relabel patch " +
				patchId, e);
	}
}
