package io.github.twostream.loop;

import java.util.Arrays;
import java.util.Map;

import io.github.twostream.model.SectionStack;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.model.TrainingSet;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;

/**
 * Training windows with context: each labelled patch plus a margin of real
 * image around it. The margin's pixels are {@link TrainingSet#IGNORE}d by the
 * loss, so the network learns to use context it will also have when slices
 * are predicted in large tiles, while only labelled pixels teach it. Beyond
 * the volume border the image is mirrored (as in tiled prediction). For a
 * 2.5-D model each window is the {@link SectionStack} of the patch's section.
 */
public final class ContextWindows {

	private ContextWindows() {}

	/**
	 * The training set of {@code masks} (pool id -> patch mask) in windows of
	 * {@code patch + 2 margin} pixels, in the map's order, each with
	 * {@code sections} neighbouring sections on each side (0 = 2-D).
	 */
	public static TrainingSet trainingSet(final Volume volume,
		final PatchGrid grid, final Map<Integer, byte[]> masks, final int margin,
		final int sections)
	{
		final int s = grid.patchSize(), w = s + 2 * margin;
		final TrainingSet set = new TrainingSet(w, 2 * sections + 1);
		for (final Map.Entry<Integer, byte[]> e : masks.entrySet()) {
			final Patch p = grid.get(e.getKey());
			set.add(image(volume, p, margin, sections), mask(e.getValue(), p.h(), p
				.w(), margin));
		}
		return set;
	}

	/**
	 * {@link #image(Volume, Patch, int)} of the patch's section and its
	 * {@code sections} neighbours on each side, as planes ({@link
	 * SectionStack}).
	 */
	public static float[] image(final Volume volume, final Patch p,
		final int margin, final int sections)
	{
		return SectionStack.stack(z -> image(volume, p.atSection(z), margin), p
			.z(), volume.depth(), sections, (p.w() + 2 * margin) * (p.h() + 2 *
				margin));
	}

	/** The normalised pixels of {@code p} grown by {@code margin} on every side. */
	public static float[] image(final Volume volume, final Patch p,
		final int margin)
	{
		if (margin == 0) return volume.readPatch(p, null);
		final int ww = p.w() + 2 * margin, wh = p.h() + 2 * margin;
		final int x0 = p.x() - margin, y0 = p.y() - margin;
		final int cx0 = Math.max(0, x0), cy0 = Math.max(0, y0);
		final int cx1 = Math.min(volume.width(), x0 + ww), cy1 = Math.min(volume
			.height(), y0 + wh);
		final int cw = cx1 - cx0, ch = cy1 - cy0;
		final float[] inside = volume.readPatch(new Patch(p.id(), p.z(), cy0, cx0,
			ch, cw), null);
		final float[] out = new float[ww * wh];
		for (int y = 0; y < wh; y++) {
			final int sy = clamp(TiledPredictor.mirror(y0 + y, volume.height()), cy0, cy1 - 1) - cy0;
			for (int x = 0; x < ww; x++) {
				final int sx = clamp(TiledPredictor.mirror(x0 + x, volume.width()), cx0, cx1 - 1) -
					cx0;
				out[y * ww + x] = inside[sy * cw + sx];
			}
		}
		return out;
	}

	/** {@code mask} (h x w) centred in a window of ignored pixels. */
	static byte[] mask(final byte[] mask, final int h, final int w,
		final int margin)
	{
		if (margin == 0) return mask;
		final int ww = w + 2 * margin;
		final byte[] out = new byte[ww * (h + 2 * margin)];
		Arrays.fill(out, TrainingSet.IGNORE);
		for (int y = 0; y < h; y++)
			System.arraycopy(mask, y * w, out, (y + margin) * ww + margin, w);
		return out;
	}

	private static int clamp(final int v, final int lo, final int hi) {
		return Math.max(lo, Math.min(hi, v));
	}
}
