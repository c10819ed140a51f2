package io.github.twostream.volume;

import io.github.twostream.util.UserException;

/** A {@link LabelImage} over a {@link SliceSource} with a slice cache. */
final class DefaultLabelImage implements LabelImage {

	private final SliceSource source;
	private final SliceCache cache;

	DefaultLabelImage(final SliceSource source, final long cacheBudgetBytes) {
		this.source = source;
		this.cache = new SliceCache(source, cacheBudgetBytes, this::check);
	}

	/** 16-bit labels must fit in 0-255; checked per slice when read. */
	private void check(final int z, final Object pixels) {
		if (!(pixels instanceof short[] s)) return;
		int max = 0;
		for (final short v : s)
			max = Math.max(max, v & 0xffff);
		if (max > 255) throw new UserException("Label image " + source.source() +
			" has label value " + max + " in slice " + (z + 1) +
			" (labels must be 0-255)",
			"save the labels as 8-bit, e.g. 255 = object, 0 = background");
	}

	@Override
	public int width() {
		return source.width();
	}

	@Override
	public int height() {
		return source.height();
	}

	@Override
	public int depth() {
		return source.depth();
	}

	@Override
	public String source() {
		return source.source();
	}

	@Override
	public byte[] readPatch(final Patch p, final byte[] out) {
		if (p.z() < 0 || p.z() >= depth() || p.y() < 0 || p.x() < 0 || p.y() + p
			.h() > height() || p.x() + p.w() > width())
			throw new IllegalArgumentException("Patch " + p + " outside labels " +
				width() + " x " + height() + " x " + depth());
		final byte[] o = out == null || out.length < p.size() ? new byte[p.size()]
			: out;
		copy(cache.get(p.z()), p.y(), p.x(), p.h(), p.w(), o);
		return o;
	}

	@Override
	public byte[] readSlice(final int z, final byte[] out) {
		final int n = width() * height();
		final byte[] o = out == null || out.length < n ? new byte[n] : out;
		copy(cache.get(z), 0, 0, height(), width(), o);
		return o;
	}

	private void copy(final Object pixels, final int y0, final int x0,
		final int h, final int w, final byte[] out)
	{
		final int width = width();
		if (pixels instanceof byte[] b) {
			for (int y = 0; y < h; y++)
				System.arraycopy(b, (y0 + y) * width + x0, out, y * w, w);
		}
		else {
			final short[] s = (short[]) pixels;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					out[y * w + x] = (byte) s[(y0 + y) * width + x0 + x];
		}
	}

	@Override
	public void close() {
		source.close();
	}
}
