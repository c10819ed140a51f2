package io.github.twostream.structure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import io.github.twostream.model.tf.Layers;
import io.github.twostream.model.tf.Optimizers;
import io.github.twostream.model.tf.Tensors;
import io.github.twostream.model.tf.TfRuntime;

/**
 * The graph of the {@link ContrastiveEncoder} in its own session: the CNN,
 * the normalised embedding, the projection head, the NT-Xent loss and the
 * Adam step (the way {@code model.UNetGraph} holds the task model's).
 * <p>
 * NB: the NT-Xent loss is built from MatMul, Exp, Log, Sum, Mul, Sub, Sqrt
 * and Div only, whose gradients are registered in TF's C API, so
 * TF can differentiate it in graph mode (see {@link Optimizers#adam}). The self
 * and positive-pair masks are fed per step, so a short last batch works.
 * The optimiser is always built, so every encoder of one config has the same
 * variables and any checkpoint of that config restores into it.
 * </p>
 */
final class EncoderGraph implements AutoCloseable {

	private final EncoderConfig config;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input, notSelf, positives;
	private final Operand<TFloat32> embedding, loss;
	private final Op trainOp;
	private final Map<Integer, float[][]> masks = new HashMap<>();

	EncoderGraph(final EncoderConfig config) {
		this.config = config;
		graph = new Graph();
		try {
			final Ops tf = Ops.create(graph);
			final Layers layers = new Layers(tf, config.seed());
			final int s = config.inputSize();
			input = tf.withName("input").placeholder(TFloat32.class, Placeholder
				.shape(Shape.of(-1, s, s, 1)));
			notSelf = tf.withName("not_self").placeholder(TFloat32.class, Placeholder
				.shape(Shape.of(-1, -1)));
			positives = tf.withName("positives").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, -1)));

			final long f = config.baseFilters();
			Operand<TFloat32> x = tf.math.sub(input, tf.constant(0.5f));
			x = layers.maxPool2(layers.convRelu("enc1", x, 3, 1, f));
			x = layers.maxPool2(layers.convRelu("enc2", x, 3, f, 2 * f));
			x = layers.maxPool2(layers.convRelu("enc3", x, 3, 2 * f, 4 * f));
			x = layers.convRelu("enc4", x, 3, 4 * f, 4 * f);
			final Operand<TFloat32> gap = tf.math.mean(x, tf.constant(new int[] { 1,
				2 }));
			final int d = config.embeddingDim();
			final Operand<TFloat32> h = layers.dense("embed", gap, 4 * f, d);
			embedding = tf.withName("embedding").math.div(h, norm(tf, h));

			final Operand<TFloat32> g1 = tf.nn.relu(layers.dense("proj1", h, d, d));
			final Operand<TFloat32> z = layers.dense("proj2", g1, d, config
				.projectionDim());
			loss = ntXent(tf, z, notSelf, positives, config.temperature());
			// NB: the race-free Adam of the task model: reproducible training
			trainOp = Optimizers.adam(tf, (float) config.learningRate(), loss, layers
				.variables());
			session = TfRuntime.get().newSession(graph);
			session.initialize();
		}
		catch (final RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	/** Row-wise Euclidean norm [B, 1] (with a floor, so zero rows stay finite). */
	private static Operand<TFloat32> norm(final Ops tf,
		final Operand<TFloat32> v)
	{
		return tf.math.sqrt(tf.math.add(tf.reduceSum(tf.math.square(v), tf
			.constant(1), ReduceSum.keepDims(true)), tf.constant(1e-12f)));
	}

	/**
	 * NT-Xent (SimCLR): for each of the 2N rows, cross-entropy of its positive
	 * (the other view of the same patch) against all other rows, with cosine
	 * similarity / temperature as logits; averaged over rows.
	 * <p>
	 * NB: logits are bounded by 1/temperature (at most 20), so exp cannot
	 * overflow and no max-subtraction is needed; self-similarity is removed by
	 * multiplying exp(S) with the fed {@code 1 - I} mask.
	 * </p>
	 */
	static Operand<TFloat32> ntXent(final Ops tf, final Operand<TFloat32> z,
		final Operand<TFloat32> notSelf, final Operand<TFloat32> positives,
		final double temperature)
	{
		final Operand<TFloat32> zn = tf.math.div(z, norm(tf, z));
		final Operand<TFloat32> sim = tf.math.mul(tf.linalg.matMul(zn, zn, MatMul
			.transposeB(true)), tf.constant((float) (1 / temperature)));
		final Operand<TInt32> axis1 = tf.constant(1);
		final Operand<TFloat32> logDen = tf.math.log(tf.reduceSum(tf.math.mul(tf
			.math.exp(sim), notSelf), axis1));
		final Operand<TFloat32> pos = tf.reduceSum(tf.math.mul(sim, positives),
			axis1);
		return tf.withName("nt_xent").math.mean(tf.math.sub(logDen, pos), tf
			.constant(0));
	}

	/** Masks (1 - I) and the positive pairs i <-> i+n for 2n rows. */
	float[][] masks(final int n) {
		return masks.computeIfAbsent(n, k -> {
			final int m = 2 * k;
			final float[] notSelfMask = new float[m * m];
			final float[] pos = new float[m * m];
			Arrays.fill(notSelfMask, 1f);
			for (int i = 0; i < m; i++) {
				notSelfMask[i * m + i] = 0f;
				pos[i * m + (i + k) % m] = 1f;
			}
			return new float[][] { notSelfMask, pos };
		});
	}

	/** One Adam step on 2m views; returns the loss. */
	float step(final float[] views, final int m, final float[] notSelfMask,
		final float[] positiveWeights)
	{
		final int s = config.inputSize();
		try (TFloat32 in = Tensors.batch(views, 2 * m, s, s);
				TFloat32 ns = square(notSelfMask, 2 * m);
				TFloat32 ps = square(positiveWeights, 2 * m);
				Result r = session.runner().feed(input, in).feed(notSelf, ns).feed(
					positives, ps).addTarget(trainOp).fetch(loss).run())
		{
			final float l = ((TFloat32) r.get(0)).getFloat();
			if (!Float.isFinite(l)) throw new IllegalStateException(
				"encoder training diverged (loss " + l + ")");
			return l;
		}
	}

	/** The normalised embedding of {@code m} resized patches in {@code batch}. */
	float[][] embed(final float[] batch, final int m) {
		final int s = config.inputSize();
		try (TFloat32 in = Tensors.batch(batch, m, s, s);
				Result r = session.runner().feed(input, in).fetch(embedding).run())
		{
			return Tensors.matrix((TFloat32) r.get(0));
		}
	}

	void save(final String prefix) {
		session.save(prefix);
	}

	void restore(final String prefix) {
		session.restore(prefix);
	}

	private static TFloat32 square(final float[] data, final int m) {
		return TFloat32.tensorOf(Shape.of(m, m), DataBuffers.of(data, true, false));
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
