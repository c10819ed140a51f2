package io.github.twostream.loop;

import io.github.twostream.store.OutputPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Labels;
import io.github.twostream.store.Masks;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;

/**
 * Moves labels between label images and a project: import of whole patches
 * (scripted and simulated annotation) and export of everything labelled.
 * <p>
 * Export convention (as ilastik and Labkit label exports): 0 = unlabelled,
 * 1 = background, 2 = foreground.
 * </p>
 */
public final class LabelTransfer {

	/** Exported value of an unlabelled pixel. */
	public static final int UNLABELLED = 0;
	/** Exported value of a background pixel. */
	public static final int BACKGROUND = 1;
	/** Exported value of a foreground pixel. */
	public static final int FOREGROUND = 2;

	private LabelTransfer() {}

	/**
	 * Copies the given patches' pixels from a label image of the volume's shape
	 * into the project as dense labels, in one transaction (one undo step).
	 *
	 * @param foreground the label image's value for foreground; every other
	 *          value is background
	 * @return the number of patches labelled
	 */
	public static int importPatches(final ProjectSession session,
		final String labelSpec, final int[] patchIds, final int foreground)
	{
		final PatchGrid grid = session.grid();
		final List<Patch> patches = new ArrayList<>();
		for (final int id : patchIds)
			patches.add(grid.get(id)); // NB: unknown ids fail before any write
		try (LabelImage labels = LabelImages.open(labelSpec, session.volume())) {
			// NB: the slices of the given patches must hold the foreground value
			// unless they hold one value only (nothing is written otherwise)
			LabelImages.checkForeground(labels, foreground, "--foreground", patches
				.stream().mapToInt(Patch::z).distinct().toArray());
			final List<PatchLabel> batch = new ArrayList<>();
			byte[] raw = null;
			for (final Patch p : patches) {
				raw = labels.readPatch(p, raw);
				batch.add(new PatchLabel(p.id(), LabelKind.DENSE, toMask(raw, p.size(),
					foreground), null));
			}
			session.project().labels().putAll(batch);
			return batch.size();
		}
	}

	/** Binarises raw label values: {@code foreground} -> 1, others -> 0. */
	public static byte[] toMask(final byte[] raw, final int size,
		final int foreground)
	{
		final byte[] mask = new byte[size];
		for (int i = 0; i < size; i++)
			mask[i] = (raw[i] & 0xff) == foreground ? Masks.FOREGROUND
				: Masks.BACKGROUND;
		return mask;
	}

	/**
	 * Writes every label of the project into an 8-bit image of the volume's
	 * shape (0 = unlabelled, 1 = background, 2 = foreground), atomically.
	 *
	 * @return the number of labelled patches written
	 */
	public static int export(final ProjectSession session, final Path out) {
		OutputPaths.check(out, "output", session.project());
		final PatchGrid grid = session.grid();
		final Labels labels = session.project().labels();
		final Map<Integer, List<Integer>> bySlice = new HashMap<>();
		for (final int id : labels.labelledIds())
			bySlice.computeIfAbsent(grid.get(id).z(), z -> new ArrayList<>()).add(id);
		final int w = grid.width(), h = grid.height();
		LabelImages.write(out, w, h, grid.depth(), z -> {
			final byte[] slice = new byte[w * h];
			for (final int id : bySlice.getOrDefault(z, List.of())) {
				final Patch p = grid.get(id);
				final byte[] mask = labels.get(id).orElseThrow().mask();
				for (int dy = 0; dy < p.h(); dy++)
					for (int dx = 0; dx < p.w(); dx++) {
						final byte m = mask[dy * p.w() + dx];
						if (m == Masks.IGNORE) continue;
						slice[(p.y() + dy) * w + p.x() + dx] = (byte) (m == Masks.FOREGROUND
							? FOREGROUND : BACKGROUND);
					}
			}
			return slice;
		});
		return labels.count();
	}
}
