package io.github.twostream.model;

/**
 * Anything that maps images of {@link #channels()} planes to per-pixel
 * foreground probabilities, in batches; {@link TiledPredictor} blends its
 * tiles.
 */
public interface PixelPredictor {

	/** Every input side must be a multiple of this. */
	int sizeMultiple();

	/**
	 * Input planes per image: 1 for a 2-D model; {@code 2 N + 1} for a 2.5-D
	 * model that sees N neighbouring sections on each side (plane {@code c} is
	 * section {@code z - N + c}; see {@link SectionStack}).
	 */
	default int channels() {
		return 1;
	}

	/**
	 * Predicts {@code n} images stored back to back in {@code images}, each
	 * {@link #channels()} row-major {@code h x w} planes, writing the
	 * probabilities ({@code n} single planes) to {@code probOut}.
	 */
	void predict(float[] images, int n, int h, int w, float[] probOut);
}
