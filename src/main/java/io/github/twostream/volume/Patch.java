package io.github.twostream.volume;

/**
 * One 2-D patch of a volume: slice {@code z}, top-left corner ({@code y},
 * {@code x}), height {@code h} and width {@code w}, all in pixels.
 *
 * @param id the patch's id in its {@link PatchGrid} (0-based, dense)
 */
public record Patch(int id, int z, int y, int x, int h, int w) {

	/** Number of pixels in the patch. */
	public int size() {
		return h * w;
	}

	/** The same rectangle (and id) on slice {@code section}. */
	public Patch atSection(final int section) {
		return new Patch(id, section, y, x, h, w);
	}

	/** True if the pixel (x, y) of slice z lies in this patch. */
	public boolean contains(final int z, final int y, final int x) {
		return z == this.z && y >= this.y && y < this.y + h && x >= this.x &&
			x < this.x + w;
	}
}
