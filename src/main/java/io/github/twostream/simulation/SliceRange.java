package io.github.twostream.simulation;

import io.github.twostream.util.UserException;

/**
 * Slices {@code from..to} (0-based, inclusive) of a volume, e.g. to split
 * one labelled stack into a training and a test part.
 */
public record SliceRange(int from, int to) {

	public SliceRange {
		if (from < 0 || to < from) throw new UserException("Slice range " + from +
			"-" + to + " is empty or negative", "use FROM-TO with 0 <= FROM <= TO");
	}

	/** Parses {@code "FROM-TO"} (0-based, inclusive). */
	public static SliceRange parse(final String text) {
		final String[] f = text.strip().split("-", -1);
		try {
			if (f.length != 2) throw new NumberFormatException();
			return new SliceRange(Integer.parseInt(f[0].strip()), Integer.parseInt(
				f[1].strip()));
		}
		catch (final NumberFormatException e) {
			throw new UserException("Slice range '" + text + "' is not FROM-TO",
				"write e.g. 0-19 (0-based, inclusive)");
		}
	}

	public int depth() {
		return to - from + 1;
	}

	/** Checks the range lies within {@code depth} slices. */
	public void check(final int depth, final String what) {
		if (to >= depth) throw new UserException("Slice range " + this +
			" of the " + what + " goes past its last slice " + (depth - 1),
			"use slices 0-" + (depth - 1));
	}

	@Override
	public String toString() {
		return from + "-" + to;
	}
}
