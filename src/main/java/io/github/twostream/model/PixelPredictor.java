package io.github.twostream.model;

/**
 * Anything that maps single-channel images to per-pixel foreground
 * probabilities, in batches; {@link TiledPredictor} blends its tiles.
 */
public interface PixelPredictor {

	/** Every input side must be a multiple of this. */
	int sizeMultiple();

	/**
	 * Predicts {@code n} row-major {@code h x w} images stored back to back in
	 * {@code images}, writing the probabilities to {@code probOut} (same
	 * layout).
	 */
	void predict(float[] images, int n, int h, int w, float[] probOut);
}
