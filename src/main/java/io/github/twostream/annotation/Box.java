package io.github.twostream.annotation;

import io.github.twostream.volume.Patch;

/**
 * A pixel rectangle {@code [x0, x1) x [y0, y1)} on a slice, e.g. what a stroke
 * changed (for repainting and for finding the patches to save).
 */
public record Box(int x0, int y0, int x1, int y1) {

	/** Nothing. */
	public static final Box EMPTY = new Box(0, 0, 0, 0);

	public static Box of(final Patch p) {
		return new Box(p.x(), p.y(), p.x() + p.w(), p.y() + p.h());
	}

	public boolean isEmpty() {
		return x1 <= x0 || y1 <= y0;
	}

	public int width() {
		return Math.max(0, x1 - x0);
	}

	public int height() {
		return Math.max(0, y1 - y0);
	}

	/** The smallest box holding both. */
	public Box union(final Box o) {
		if (isEmpty()) return o;
		if (o.isEmpty()) return this;
		return new Box(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.max(x1, o.x1),
			Math.max(y1, o.y1));
	}

	public boolean intersects(final Box o) {
		return !isEmpty() && !o.isEmpty() && x0 < o.x1 && o.x0 < x1 && y0 < o.y1 &&
			o.y0 < y1;
	}

	public boolean contains(final int x, final int y) {
		return x >= x0 && x < x1 && y >= y0 && y < y1;
	}
}
