package io.github.twostream.model;

/** Test helper: passes every call to a real model and counts the images. */
public final class CountingPredictor implements PixelPredictor {

	private final PixelPredictor model;
	private int images;

	public CountingPredictor(final PixelPredictor model) {
		this.model = model;
	}

	/** Images predicted so far. */
	public int images() {
		return images;
	}

	@Override
	public int sizeMultiple() {
		return model.sizeMultiple();
	}

	@Override
	public void predict(final float[] in, final int n, final int h, final int w,
		final float[] out)
	{
		images += n;
		model.predict(in, n, h, w, out);
	}
}
