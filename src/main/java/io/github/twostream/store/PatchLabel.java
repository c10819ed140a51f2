package io.github.twostream.store;

import java.time.Instant;

/**
 * The label of one patch: one byte per pixel, row-major, values
 * {@link Masks#BACKGROUND}, {@link Masks#FOREGROUND} or {@link Masks#IGNORE}.
 *
 * @param patchId the patch's id in the project's grid
 * @param kind dense or scribble
 * @param mask patchSize * patchSize bytes (a fresh copy; callers may change it)
 * @param updated when the label was last written
 */
public record PatchLabel(int patchId, LabelKind kind, byte[] mask,
	Instant updated)
{

	/** Number of pixels with the given value (0, 1 or 255 as a byte). */
	public int count(final byte value) {
		int n = 0;
		for (final byte b : mask)
			if (b == value) n++;
		return n;
	}
}
