package io.github.twostream.volume;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import io.github.twostream.util.UserException;

/**
 * The 2-D patches of a 3-D volume: a regular grid per slice with a given
 * patch size and stride.
 * <p>
 * Border handling: along each axis the positions are {@code 0, stride,
 * 2*stride, ...}; if the last position does not reach the image border, one
 * more patch is placed flush with the border (it overlaps its neighbour), so
 * every pixel lies in at least one patch. An optional validity predicate
 * (e.g. a mask of valid regions) drops patches from the pool; ids stay dense.
 * </p>
 */
public final class PatchGrid {

	private final int depth, height, width, patchSize, stride;
	private final int[] ys, xs;
	private final List<Patch> patches;

	public PatchGrid(final int depth, final int height, final int width,
		final int patchSize, final int stride)
	{
		this(depth, height, width, patchSize, stride, null);
	}

	/**
	 * @param valid keeps the candidate patches it accepts (ids are given after
	 *          filtering); null keeps all
	 */
	public PatchGrid(final int depth, final int height, final int width,
		final int patchSize, final int stride, final Predicate<Patch> valid)
	{
		if (patchSize < 2) throw new UserException("Patch size " + patchSize +
			" is too small", "use a patch size of at least 2 (default 64)");
		if (stride < 1 || stride > patchSize) throw new UserException("Stride " +
			stride + " is invalid", "use a stride between 1 and the patch size " +
				patchSize);
		if (depth < 1 || height < patchSize || width < patchSize)
			throw new UserException("The image (" + width + " x " + height + " x " +
				depth + ") is smaller than one " + patchSize + " x " + patchSize +
				" patch", "use a larger image or a smaller --patch size");
		this.depth = depth;
		this.height = height;
		this.width = width;
		this.patchSize = patchSize;
		this.stride = stride;
		this.ys = positions(height, patchSize, stride);
		this.xs = positions(width, patchSize, stride);
		final List<Patch> list = new ArrayList<>(depth * ys.length * xs.length);
		for (int z = 0; z < depth; z++)
			for (final int y : ys)
				for (final int x : xs) {
					final Patch candidate = new Patch(list.size(), z, y, x, patchSize,
						patchSize);
					if (valid == null || valid.test(candidate)) list.add(candidate);
				}
		this.patches = Collections.unmodifiableList(list);
	}

	static int[] positions(final int length, final int size, final int stride) {
		final List<Integer> p = new ArrayList<>();
		int pos = 0;
		for (; pos + size <= length; pos += stride)
			p.add(pos);
		final int last = p.get(p.size() - 1);
		if (last + size < length) p.add(length - size); // NB: flush with border
		return p.stream().mapToInt(Integer::intValue).toArray();
	}

	public int depth() {
		return depth;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public int patchSize() {
		return patchSize;
	}

	public int stride() {
		return stride;
	}

	/** Number of patches in the pool. */
	public int size() {
		return patches.size();
	}

	/** The patch with the given id; a clear error for an unknown id. */
	public Patch get(final int id) {
		if (id < 0 || id >= patches.size()) throw new UserException(
			"Unknown patch id " + id, "valid ids are 0 to " + (patches.size() - 1) +
				" (see 'twostream patches PROJECT')");
		return patches.get(id);
	}

	/** All patches, in id order. */
	public List<Patch> patches() {
		return patches;
	}
}
