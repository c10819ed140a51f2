package io.github.twostream.annotation;

import java.util.Arrays;

import io.github.twostream.store.Masks;
import io.github.twostream.volume.Patch;

/**
 * The painted labels of one slice, one byte per pixel: {@link Masks#FOREGROUND},
 * {@link Masks#BACKGROUND} or {@link Masks#IGNORE} (unpainted). Painting is
 * rasterised here, independently of the patch grid, so a stroke crosses patch
 * borders freely; the session then stores the patches it touched.
 * <p>
 * Thread-safe: the view reads it to repaint while a worker applies an undo.
 * </p>
 */
public final class SliceLabels {

	private final int width, height;
	private final byte[] pixels;
	private volatile boolean loaded;

	public SliceLabels(final int width, final int height) {
		this.width = width;
		this.height = height;
		this.pixels = new byte[width * height];
		Arrays.fill(pixels, Masks.IGNORE);
	}

	/** True once the stored labels were read in. */
	boolean loaded() {
		return loaded;
	}

	void markLoaded() {
		loaded = true;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The value at (x, y): 0, 1 or (byte) 255 for unpainted. */
	public synchronized byte get(final int x, final int y) {
		return pixels[y * width + x];
	}

	/**
	 * Stamps a disc of {@code radius} (0: one pixel) centred on (cx, cy).
	 *
	 * @return the pixels it may have changed
	 */
	public synchronized Box stamp(final int cx, final int cy, final int radius,
		final byte value)
	{
		final int r = Math.max(0, radius);
		final int x0 = Math.max(0, cx - r), x1 = Math.min(width - 1, cx + r);
		final int y0 = Math.max(0, cy - r), y1 = Math.min(height - 1, cy + r);
		if (x0 > x1 || y0 > y1) return Box.EMPTY;
		// NB: r * r + r gives round discs at small radii (no single-pixel nibs)
		final int r2 = r * r + r;
		for (int y = y0; y <= y1; y++) {
			final int dy = y - cy;
			for (int x = x0; x <= x1; x++) {
				final int dx = x - cx;
				if (dx * dx + dy * dy <= r2) pixels[y * width + x] = value;
			}
		}
		return new Box(x0, y0, x1 + 1, y1 + 1);
	}

	/**
	 * Joins (ax, ay) to (bx, by) with discs at every pixel step, so a fast
	 * stroke leaves no gaps.
	 */
	public synchronized Box line(final int ax, final int ay, final int bx,
		final int by, final int radius, final byte value)
	{
		final int steps = Math.max(Math.abs(bx - ax), Math.abs(by - ay));
		Box changed = Box.EMPTY;
		for (int i = 0; i <= steps; i++) {
			final double t = steps == 0 ? 0 : (double) i / steps;
			changed = changed.union(stamp((int) Math.round(ax + t * (bx - ax)),
				(int) Math.round(ay + t * (by - ay)), radius, value));
		}
		return changed;
	}

	/**
	 * Flood-fills (4-connected) the region of (x, y)'s value with
	 * {@code value}, not leaving {@code bounds} (a patch).
	 */
	public synchronized Box fill(final int x, final int y, final Box bounds,
		final byte value)
	{
		if (!bounds.contains(x, y) || x < 0 || y < 0 || x >= width ||
			y >= height) return Box.EMPTY;
		final byte from = pixels[y * width + x];
		if (from == value) return Box.EMPTY;
		final int bw = bounds.width();
		final int[] stack = new int[bw * bounds.height() * 4 + 4];
		int top = 0;
		stack[top++] = y * width + x;
		pixels[y * width + x] = value;
		Box changed = Box.EMPTY;
		while (top > 0) {
			final int i = stack[--top];
			final int px = i % width, py = i / width;
			changed = changed.union(new Box(px, py, px + 1, py + 1));
			if (px > bounds.x0() && pixels[i - 1] == from) {
				pixels[i - 1] = value;
				stack[top++] = i - 1;
			}
			if (px + 1 < bounds.x1() && pixels[i + 1] == from) {
				pixels[i + 1] = value;
				stack[top++] = i + 1;
			}
			if (py > bounds.y0() && pixels[i - width] == from) {
				pixels[i - width] = value;
				stack[top++] = i - width;
			}
			if (py + 1 < bounds.y1() && pixels[i + width] == from) {
				pixels[i + width] = value;
				stack[top++] = i + width;
			}
		}
		return changed;
	}

	/** The patch's pixels, row-major (a copy). */
	public synchronized byte[] read(final Patch p) {
		final byte[] out = new byte[p.w() * p.h()];
		for (int y = 0; y < p.h(); y++)
			System.arraycopy(pixels, (p.y() + y) * width + p.x(), out, y * p.w(), p
				.w());
		return out;
	}

	/**
	 * Writes a patch's mask; with {@code keepPainted}, only where this slice is
	 * unpainted, and {@link Masks#IGNORE} in the mask never overwrites.
	 */
	public synchronized void write(final Patch p, final byte[] mask,
		final boolean keepPainted)
	{
		for (int y = 0; y < p.h(); y++)
			for (int x = 0; x < p.w(); x++) {
				final byte v = mask[y * p.w() + x];
				final int i = (p.y() + y) * width + p.x() + x;
				if (v == Masks.IGNORE || keepPainted && pixels[i] != Masks.IGNORE)
					continue;
				pixels[i] = v;
			}
	}

	/** Sets every pixel of the patch to unpainted. */
	public synchronized void clear(final Patch p) {
		for (int y = 0; y < p.h(); y++)
			Arrays.fill(pixels, (p.y() + y) * width + p.x(), (p.y() + y) * width + p
				.x() + p.w(), Masks.IGNORE);
	}

	/** Copies the box's pixels into {@code out} (row-major, box width). */
	public synchronized void copy(final Box b, final byte[] out) {
		for (int y = b.y0(); y < b.y1(); y++)
			System.arraycopy(pixels, y * width + b.x0(), out, (y - b.y0()) * b
				.width(), b.width());
	}
}
