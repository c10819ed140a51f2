package io.github.twostream.model;

import java.util.Map;

import io.github.twostream.util.LruMap;
import io.github.twostream.util.UserException;

/**
 * Slice-by-slice probabilities of a volume, optionally averaged over the
 * neighbouring sections: slice {@code z}'s output is the weighted mean of the
 * 2-D predictions of slices {@code z - radius .. z + radius}, weights
 * {@code radius + 1 - |dz|} (radius 1: 1, 2, 1), renormalised where the
 * volume ends. A 2-D model decides every section alone; objects such as
 * mitochondria continue over neighbouring sections of a near-isotropic
 * stack, so the mean cancels part of the section-to-section error at no
 * training cost.
 * <p>
 * NB: the last {@code 2 * radius + 1} predictions are kept, so reading the
 * slices in order costs one prediction each; a lone slice costs
 * {@code 2 * radius + 1}. Radius 0 is the plain 2-D prediction.
 * </p>
 */
public final class SectionAveraging {

	private final TiledPredictor tiles;
	private final SliceSource source;
	private final int width, height, depth, radius;
	private final Map<Integer, float[]> cache;

	/**
	 * @param source the normalised image slices of a {@code width x height x
	 *          depth} volume (one plane each; the section stacks a 2.5-D model
	 *          takes are cut from them, {@link SectionStack})
	 * @param radius sections on each side (0 = off)
	 */
	public SectionAveraging(final TiledPredictor tiles, final SliceSource source,
		final int width, final int height, final int depth, final int radius)
	{
		if (radius < 0) throw new UserException("section averaging radius " +
			radius + " is negative", "use 0 (off) or a positive count such as 6");
		this.tiles = tiles;
		this.source = SectionStack.of(source, width * height, depth, (tiles
			.channels() - 1) / 2);
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.radius = radius;
		this.cache = new LruMap<>(2 * radius + 1);
	}

	public int radius() {
		return radius;
	}

	/** The (averaged) foreground probabilities of slice {@code z}, row-major. */
	public float[] slice(final int z) {
		if (z < 0 || z >= depth) throw new IndexOutOfBoundsException("slice " + z +
			" of " + depth);
		if (radius == 0) return predicted(z);
		final float[] out = new float[width * height];
		float total = 0;
		for (int s = Math.max(0, z - radius); s <= Math.min(depth - 1, z +
			radius); s++)
		{
			final float wt = weight(radius, s - z);
			final float[] p = predicted(s);
			for (int i = 0; i < out.length; i++)
				out[i] += wt * p[i];
			total += wt;
		}
		for (int i = 0; i < out.length; i++)
			out[i] /= total;
		return out;
	}

	/**
	 * The weight of the section {@code dz} away in an average over
	 * {@code radius} sections on each side: {@code radius + 1 - |dz|}.
	 */
	public static float weight(final int radius, final int dz) {
		return radius + 1 - Math.abs(dz);
	}

	private float[] predicted(final int z) {
		float[] p = cache.get(z);
		if (p == null) {
			p = new float[width * height];
			tiles.predictSlice(source.slice(z), width, height, p);
			cache.put(z, p);
		}
		return p;
	}
}
