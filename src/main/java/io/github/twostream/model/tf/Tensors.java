package io.github.twostream.model.tf;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Owns the tensor axis order of this project: every image batch is NHWC
 * ({@code [batch, y, x, channel]}), and a patch's row-major {@code float[]}
 * ({@code index = y * w + x}) maps onto one batch element with one channel.
 * Multi-channel images (2.5-D input) are planar in Java, channel by channel,
 * and {@link #channelsLast} interleaves them for the tensor.
 * <p>
 * The returned tensors hold native memory: the caller closes them.
 * </p>
 */
public final class Tensors {

	private Tensors() {}

	/** NHWC shape of a batch of single-channel {@code h x w} images. */
	public static Shape batchShape(final int n, final int h, final int w) {
		return Shape.of(n, h, w, 1);
	}

	/** NHWC shape of a batch of {@code h x w} images with {@code c} channels. */
	public static Shape batchShape(final int n, final int h, final int w,
		final int c)
	{
		return Shape.of(n, h, w, c);
	}

	/**
	 * Interleaves {@code n} planar images ({@code c} row-major planes of
	 * {@code px} pixels each, back to back from {@code offset}) into
	 * {@code dst} in NHWC order: {@code dst[(k * px + i) * c + ch] =
	 * src[offset + (k * c + ch) * px + i]}. For one channel this is a copy.
	 */
	public static void channelsLast(final float[] src, final int offset,
		final int n, final int c, final int px, final float[] dst)
	{
		if (c == 1) {
			System.arraycopy(src, offset, dst, 0, n * px);
			return;
		}
		for (int k = 0; k < n; k++)
			for (int ch = 0; ch < c; ch++) {
				final int s = offset + (k * c + ch) * px, d = k * px * c + ch;
				for (int i = 0; i < px; i++)
					dst[d + i * c] = src[s + i];
			}
	}

	/**
	 * Packs {@code n} row-major single-channel images, stored back to back in
	 * {@code data}, into an NHWC tensor.
	 */
	public static TFloat32 batch(final float[] data, final int n, final int h,
		final int w)
	{
		if (data.length < (long) n * h * w) throw new IllegalArgumentException(
			"batch data holds " + data.length + " values, needs " + (long) n * h * w);
		final FloatDataBuffer buf = DataBuffers.of(data, true, false).narrow(
			(long) n * h * w);
		return TFloat32.tensorOf(batchShape(n, h, w), buf);
	}

	/**
	 * Copies an NHWC tensor with one channel into row-major images stored back
	 * to back, allocating {@code out} if null or too small.
	 */
	public static float[] unbatch(final TFloat32 t, float[] out) {
		final Shape s = t.shape();
		if (s.numDimensions() != 4 || s.get(3) != 1) throw new IllegalArgumentException(
			"expected an NHWC tensor with one channel, got " + s);
		final int size = (int) s.size();
		if (out == null || out.length < size) out = new float[size];
		t.asRawTensor().data().asFloats().read(out, 0, size);
		return out;
	}

	/** Copies a [N, D] tensor into a row-major float[N][D]. */
	public static float[][] matrix(final TFloat32 t) {
		final Shape s = t.shape();
		if (s.numDimensions() != 2) throw new IllegalArgumentException(
			"expected a [N, D] tensor, got " + s);
		final int n = (int) s.get(0), d = (int) s.get(1);
		final float[] flat = new float[n * d];
		t.asRawTensor().data().asFloats().read(flat, 0, n * d);
		final float[][] m = new float[n][d];
		for (int i = 0; i < n; i++)
			System.arraycopy(flat, i * d, m[i], 0, d);
		return m;
	}
}
