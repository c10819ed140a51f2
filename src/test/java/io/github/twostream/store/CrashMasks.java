package io.github.twostream.store;

import java.util.Random;

/**
 * The deterministic label the crash writer writes for (patchId, seq): the
 * checker regenerates it from the sequence number encoded in its first pixels
 * and compares every byte.
 */
final class CrashMasks {

	static final int SIZE = 64;
	static final int SEQ_BITS = 40;

	private CrashMasks() {}

	static LabelKind kind(final long seq) {
		return seq % 3 == 0 ? LabelKind.DENSE : LabelKind.SCRIBBLE;
	}

	/** A mask of rectangles (compresses like real labels) tagged with seq. */
	static byte[] mask(final int patchId, final long seq) {
		final Random rnd = new Random(patchId * 0x9E3779B97F4A7C15L + seq);
		final LabelKind kind = kind(seq);
		final byte[] m = new byte[SIZE * SIZE];
		java.util.Arrays.fill(m, kind == LabelKind.DENSE ? Masks.BACKGROUND
			: Masks.IGNORE);
		final int rects = 1 + rnd.nextInt(6);
		for (int r = 0; r < rects; r++) {
			final int x0 = rnd.nextInt(SIZE), y0 = 1 + rnd.nextInt(SIZE - 1);
			final int w = 1 + rnd.nextInt(SIZE - x0), h = 1 + rnd.nextInt(SIZE - y0);
			final byte v = rnd.nextBoolean() ? Masks.FOREGROUND : Masks.BACKGROUND;
			for (int y = y0; y < y0 + h; y++)
				java.util.Arrays.fill(m, y * SIZE + x0, y * SIZE + x0 + w, v);
		}
		// Row 0 starts with seq as bits (0/1, valid in both kinds).
		for (int b = 0; b < SEQ_BITS; b++)
			m[b] = (byte) ((seq >>> b) & 1);
		return m;
	}

	/** The seq encoded in a mask written by {@link #mask}. */
	static long seq(final byte[] mask) {
		long seq = 0;
		for (int b = 0; b < SEQ_BITS; b++)
			seq |= (long) (mask[b] & 1) << b;
		return seq;
	}
}
