package io.github.twostream.model;

import java.util.Map;
import java.util.function.IntFunction;

import io.github.twostream.util.LruMap;

/**
 * The input of a 2.5-D model: a slice (or patch) and its {@code sections}
 * neighbouring sections on each side as {@code 2 sections + 1} planes, back
 * to back; plane {@code c} is section {@code z - sections + c}, so the slice
 * itself is the middle plane. Beyond the first and the last section the
 * stack is mirrored ({@link TiledPredictor#mirror}, the border rule of the
 * tiles and of the training windows in x and y).
 * <p>
 * NB: this class owns the z layout of the input planes; training windows,
 * pool patches and predicted slices are all cut through it.
 * </p>
 */
public final class SectionStack implements SliceSource {

	private final SliceSource plain;
	private final int pixels, depth, sections;
	private final Map<Integer, float[]> cache;

	private SectionStack(final SliceSource plain, final int pixels,
		final int depth, final int sections)
	{
		this.plain = plain;
		this.pixels = pixels;
		this.depth = depth;
		this.sections = sections;
		this.cache = new LruMap<>(2 * sections + 1);
	}

	/**
	 * The section stacks of the slices of {@code plain} ({@code pixels} values
	 * each, {@code depth} slices); {@code plain} itself when
	 * {@code sections} is 0. NB: the last {@code 2 sections + 1} slices are
	 * kept, so reading in order reads every slice once.
	 */
	public static SliceSource of(final SliceSource plain, final int pixels,
		final int depth, final int sections)
	{
		return sections == 0 ? plain : new SectionStack(plain, pixels, depth,
			sections);
	}

	/** The section of plane {@code c} of slice {@code z}'s stack. */
	public static int section(final int z, final int c, final int depth,
		final int sections)
	{
		return TiledPredictor.mirror(z - sections + c, depth);
	}

	/**
	 * The stack of section {@code z}: {@code plane.apply(s)} gives the
	 * {@code pixels} values of section {@code s}.
	 */
	public static float[] stack(final IntFunction<float[]> plane, final int z,
		final int depth, final int sections, final int pixels)
	{
		if (sections == 0) return plane.apply(z);
		return stack(plane, z, depth, sections, pixels, new float[(2 * sections +
			1) * pixels]);
	}

	/**
	 * As {@link #stack(IntFunction, int, int, int, int)}, into the first
	 * {@code (2 sections + 1) pixels} values of {@code out}; returns
	 * {@code out}.
	 */
	public static float[] stack(final IntFunction<float[]> plane, final int z,
		final int depth, final int sections, final int pixels, final float[] out)
	{
		for (int i = 0; i < 2 * sections + 1; i++)
			System.arraycopy(plane.apply(section(z, i, depth, sections)), 0, out, i *
				pixels, pixels);
		return out;
	}

	@Override
	public float[] slice(final int z) {
		return stack(this::cached, z, depth, sections, pixels);
	}

	private float[] cached(final int z) {
		return cache.computeIfAbsent(z, plain::slice);
	}
}
