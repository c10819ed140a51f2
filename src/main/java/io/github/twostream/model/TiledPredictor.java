package io.github.twostream.model;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Predicts whole slices and volumes with overlapping tiles, blended with
 * smooth weights so that no seams appear, streaming one slice at a time (a
 * volume larger than the heap can be predicted; only one slice, its
 * accumulators and one batch of tiles are in memory).
 * <p>
 * Tiles start at multiples of the stride {@code tile - overlap} (the last
 * one is flush with the border). Each tile's weight is a product of 1-D
 * profiles that rise as {@code sin^2} over {@code overlap} pixels on every
 * side that has a neighbouring tile and are 1 elsewhere (including the slice
 * border), so pixels near a tile edge, where the convolutions see zero padding
 * instead of context, count little. A slice smaller than a tile is predicted
 * in one forward pass (mirror-padded up to the model's size multiple).
 * A 2.5-D model's slices hold {@link PixelPredictor#channels()} planes
 * ({@link SectionStack}); every plane is tiled alike.
 * </p>
 */
public final class TiledPredictor {

	private final PixelPredictor model;
	private final int tile;
	private final int overlap;
	private final int tilesPerBatch;

	/**
	 * @param tile tile side; a multiple of the model's size multiple
	 * @param overlap overlap of neighbouring tiles, {@code 0 <= overlap < tile}
	 * @param tilesPerBatch tiles per forward call
	 */
	public TiledPredictor(final PixelPredictor model, final int tile,
		final int overlap, final int tilesPerBatch)
	{
		final int m = model.sizeMultiple();
		if (tile < m || tile % m != 0) throw new UserException("tile size " +
			tile + " is not a multiple of " + m, "use a tile size such as 256");
		if (overlap < 0 || overlap >= tile) throw new UserException("tile overlap " +
			overlap + " is not in [0, " + tile + ")", "use e.g. a quarter of the tile");
		if (tilesPerBatch < 1) throw new IllegalArgumentException("tilesPerBatch");
		this.model = model;
		this.tile = tile;
		this.overlap = overlap;
		this.tilesPerBatch = tilesPerBatch;
	}

	/** Tiles of 256 with 64 overlap, 4 per batch. */
	public static TiledPredictor of(final PixelPredictor model) {
		return new TiledPredictor(model, 256, 64, 4);
	}

	public int tile() {
		return tile;
	}

	public int overlap() {
		return overlap;
	}

	/** Input planes per slice the model takes ({@link PixelPredictor#channels()}). */
	public int channels() {
		return model.channels();
	}

	/**
	 * Predicts every slice {@code 0 <= z < depth} of a {@code width x height}
	 * volume, in order, handing each result to {@code sink}.
	 */
	public void predictVolume(final int width, final int height, final int depth,
		final SliceSource source, final SliceSink sink, final Progress progress)
	{
		progress.status("Predicting " + depth + " slices");
		for (int z = 0; z < depth; z++) {
			progress.checkCancelled();
			final float[] slice = source.slice(z);
			final float[] prob = new float[width * height];
			predictSlice(slice, width, height, prob);
			sink.accept(z, prob);
			progress.progress(z + 1, depth);
		}
	}

	/**
	 * Predicts one row-major {@code width x height} slice ({@link
	 * PixelPredictor#channels()} planes of it, back to back) into {@code out}.
	 */
	public void predictSlice(final float[] slice, final int width,
		final int height, final float[] out)
	{
		final int c = model.channels();
		if (width < 1 || height < 1 || slice.length < (long) width * height * c ||
			out.length < (long) width * height) throw new UserException("slice of " +
				slice.length + " values does not match its size " + width + "x" +
				height + (c > 1 ? " x " + c + " sections" : ""),
				"check the image dimensions");
		final int m = model.sizeMultiple();
		final int tw = Math.min(tile, roundUp(width, m));
		final int th = Math.min(tile, roundUp(height, m));
		final int[] xs = starts(width, tw), ys = starts(height, th);
		final float[] acc = new float[width * height];
		final float[] wsum = new float[width * height];
		final int tpx = tw * th;
		final float[] batch = new float[tilesPerBatch * c * tpx];
		final float[] prob = new float[tilesPerBatch * tpx];
		final int[] bx = new int[tilesPerBatch], by = new int[tilesPerBatch];
		int n = 0;
		for (final int y0 : ys) {
			for (final int x0 : xs) {
				for (int ch = 0; ch < c; ch++)
					copyTile(slice, ch * width * height, width, height, x0, y0, tw, th,
						batch, (n * c + ch) * tpx);
				bx[n] = x0;
				by[n] = y0;
				if (++n == tilesPerBatch) {
					flush(n, tw, th, batch, prob, bx, by, width, height, acc, wsum);
					n = 0;
				}
			}
		}
		if (n > 0) flush(n, tw, th, batch, prob, bx, by, width, height, acc, wsum);
		for (int i = 0; i < width * height; i++)
			out[i] = acc[i] / wsum[i];
	}

	private void flush(final int n, final int tw, final int th,
		final float[] batch, final float[] prob, final int[] bx, final int[] by,
		final int width, final int height, final float[] acc, final float[] wsum)
	{
		model.predict(batch, n, th, tw, prob);
		for (int t = 0; t < n; t++) {
			final float[] wy = profile(by[t], th, height);
			final float[] wx = profile(bx[t], tw, width);
			final int off = t * tw * th;
			for (int y = 0; y < th && by[t] + y < height; y++) {
				final int row = (by[t] + y) * width + bx[t];
				for (int x = 0; x < tw && bx[t] + x < width; x++) {
					final float w = wy[y] * wx[x];
					acc[row + x] += w * prob[off + y * tw + x];
					wsum[row + x] += w;
				}
			}
		}
	}

	/** Tile start positions covering {@code [0, length)}. */
	int[] starts(final int length, final int size) {
		if (length <= size) return new int[] { 0 };
		final int stride = Math.max(1, size - overlap);
		final int count = (length - size + stride - 1) / stride + 1;
		final int[] s = new int[count];
		for (int i = 0; i < count; i++)
			s[i] = Math.min(i * stride, length - size);
		return s;
	}

	/** 1-D blending weights of a tile at {@code start}. */
	private float[] profile(final int start, final int size, final int length) {
		final float[] w = new float[size];
		final boolean before = start > 0, after = start + size < length;
		for (int i = 0; i < size; i++) {
			double v = 1;
			if (overlap > 0) {
				if (before && i < overlap) v *= ramp(i);
				if (after && size - 1 - i < overlap) v *= ramp(size - 1 - i);
			}
			w[i] = (float) v;
		}
		return w;
	}

	private double ramp(final int i) {
		final double s = Math.sin(0.5 * Math.PI * (i + 0.5) / overlap);
		return s * s;
	}

	/** Copies a tile, mirroring coordinates beyond the slice border. */
	private static void copyTile(final float[] slice, final int plane,
		final int width, final int height, final int x0, final int y0,
		final int tw, final int th, final float[] dst, final int off)
	{
		for (int y = 0; y < th; y++) {
			final int sy = mirror(y0 + y, height);
			final int d = off + y * tw;
			if (x0 + tw <= width) System.arraycopy(slice, plane + sy * width + x0,
				dst, d, tw);
			else for (int x = 0; x < tw; x++)
				dst[d + x] = slice[plane + sy * width + mirror(x0 + x, width)];
		}
	}

	/**
	 * Coordinate {@code c} reflected into {@code [0, length)} without
	 * repeating the border pixel (-1 -> 1); the border rule of the tiles and
	 * of the training windows with context.
	 */
	public static int mirror(final int c, final int length) {
		if (length == 1) return 0;
		final int period = 2 * (length - 1);
		int m = c % period;
		if (m < 0) m += period;
		return m < length ? m : period - m;
	}

	private static int roundUp(final int v, final int m) {
		return (v + m - 1) / m * m;
	}
}
