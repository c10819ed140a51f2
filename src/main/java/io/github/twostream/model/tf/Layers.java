package io.github.twostream.model.tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;

/**
 * Builds network layers with the TF Java Ops API, with seeded He
 * initialisation so that a fixed seed gives a reproducible network. Shared by
 * the task model (U-Net, stream A) and the structure encoder (stream B).
 * <p>
 * All tensors are NHWC (see {@link Tensors}).
 * </p>
 */
public final class Layers {

	private static final List<Long> STRIDE1 = Arrays.asList(1L, 1L, 1L, 1L);

	private final Ops tf;
	private final long seed;
	private long opCounter = 0;
	private final List<Variable<TFloat32>> variables = new ArrayList<>();

	public Layers(final Ops tf, final long seed) {
		this.tf = tf;
		this.seed = seed;
	}

	public Ops tf() {
		return tf;
	}

	/** All trainable variables created so far, in creation order. */
	public List<Variable<TFloat32>> variables() {
		return Collections.unmodifiableList(variables);
	}

	/** A variable initialised with truncated normal * {@code scale}. */
	public Variable<TFloat32> weight(final String name, final float scale,
		final long... shape)
	{
		final long opSeed = ++opCounter;
		final Operand<TFloat32> init = tf.math.mul(tf.random.truncatedNormal(tf
			.constant(shape), TFloat32.class, TruncatedNormal.seed(seed),
			TruncatedNormal.seed2(opSeed)), tf.constant(scale));
		final Variable<TFloat32> v = tf.withName(name).variable(init);
		variables.add(v);
		return v;
	}

	/** A variable initialised with zeros. */
	public Variable<TFloat32> zeros(final String name, final long... shape) {
		final Variable<TFloat32> v = tf.withName(name).variable(tf.zeros(tf
			.constant(shape), TFloat32.class));
		variables.add(v);
		return v;
	}

	/** A variable initialised with ones. */
	public Variable<TFloat32> ones(final String name, final long... shape) {
		final Variable<TFloat32> v = tf.withName(name).variable(tf.fill(tf
			.constant(shape), tf.constant(1f)));
		variables.add(v);
		return v;
	}

	/**
	 * Group normalisation (Wu and He 2018) of an NHWC tensor with
	 * {@code channels} channels: mean and variance per sample over the pixels
	 * and the channels of each of {@code groups} groups (reduced until it
	 * divides {@code channels}), then a learnt per-channel scale and offset.
	 * NB: statistics are per sample, so a batch of one predicts exactly as in
	 * training (no running averages as in batch norm).
	 */
	public Operand<TFloat32> groupNorm(final String name,
		final Operand<TFloat32> in, final long channels, final int groups)
	{
		int g = (int) Math.max(1, Math.min(groups, channels));
		while (channels % g != 0)
			g--;
		final Operand<org.tensorflow.types.TInt32> shape = tf.shape(in);
		final Operand<org.tensorflow.types.TInt32> grouped = tf.concat(List.of(tf
			.slice(shape, tf.constant(new int[] { 0 }), tf.constant(new int[] { 3 })),
			tf.constant(new int[] { g, (int) (channels / g) })), tf.constant(0));
		final Operand<TFloat32> x = tf.reshape(in, grouped);
		final Operand<org.tensorflow.types.TInt32> axes = tf.constant(new int[] { 1,
			2, 4 });
		final Operand<TFloat32> mean = tf.math.mean(x, axes,
			org.tensorflow.op.math.Mean.keepDims(true));
		final Operand<TFloat32> centred = tf.math.sub(x, mean);
		final Operand<TFloat32> var = tf.math.mean(tf.math.square(centred), axes,
			org.tensorflow.op.math.Mean.keepDims(true));
		final Operand<TFloat32> normed = tf.reshape(tf.math.mul(centred, tf.math
			.rsqrt(tf.math.add(var, tf.constant(1e-5f)))), shape);
		final Variable<TFloat32> gamma = ones(name + "_gamma", channels);
		final Variable<TFloat32> beta = zeros(name + "_beta", channels);
		return tf.math.add(tf.math.mul(normed, gamma), beta);
	}

	/**
	 * k x k convolution, optional group normalisation ({@code groups} 0 =
	 * none), ReLU.
	 */
	public Operand<TFloat32> convNormRelu(final String name,
		final Operand<TFloat32> in, final int k, final long cin, final long cout,
		final int groups)
	{
		final Operand<TFloat32> c = conv2d(name, in, k, cin, cout);
		return tf.nn.relu(groups > 0 ? groupNorm(name + "_gn", c, cout, groups)
			: c);
	}

	/** k x k convolution, SAME padding, with bias. He-initialised. */
	public Operand<TFloat32> conv2d(final String name, final Operand<TFloat32> in,
		final int k, final long cin, final long cout)
	{
		final float scale = (float) Math.sqrt(2.0 / (k * k * cin));
		final Variable<TFloat32> w = weight(name + "_w", scale, k, k, cin, cout);
		final Variable<TFloat32> b = zeros(name + "_b", cout);
		return tf.nn.biasAdd(tf.nn.conv2d(in, w, STRIDE1, "SAME"), b);
	}

	/** conv2d followed by ReLU. */
	public Operand<TFloat32> convRelu(final String name,
		final Operand<TFloat32> in, final int k, final long cin, final long cout)
	{
		return tf.nn.relu(conv2d(name, in, k, cin, cout));
	}

	/** 2 x 2 max pooling, stride 2. */
	public Operand<TFloat32> maxPool2(final Operand<TFloat32> in) {
		return tf.nn.maxPool(in, tf.constant(new int[] { 1, 2, 2, 1 }), tf
			.constant(new int[] { 1, 2, 2, 1 }), "VALID");
	}

	/**
	 * 2 x 2 transposed convolution with stride 2 (the U-Net "up-conv").
	 * <p>
	 * NB: implemented as a 1 x 1 convolution to {@code 4 * cout} channels
	 * followed by DepthToSpace(2). For kernel 2 and stride 2 the output windows
	 * do not overlap, so this is exactly a transposed convolution, with the same
	 * parameter count; all its ops have registered gradients in TF's C API.
	 * </p>
	 */
	public Operand<TFloat32> upConv2(final String name, final Operand<TFloat32> in,
		final long cin, final long cout)
	{
		final float scale = (float) Math.sqrt(2.0 / cin);
		final Variable<TFloat32> w = weight(name + "_w", scale, 1, 1, cin, 4 *
			cout);
		final Variable<TFloat32> b = zeros(name + "_b", cout);
		final Operand<TFloat32> y = tf.nn.depthToSpace(tf.nn.conv2d(in, w,
			STRIDE1, "SAME"), 2L);
		return tf.nn.biasAdd(y, b);
	}

	/** Fully connected layer on a [N, nin] input. */
	public Operand<TFloat32> dense(final String name, final Operand<TFloat32> in,
		final long nin, final long nout)
	{
		final float scale = (float) Math.sqrt(2.0 / nin);
		final Variable<TFloat32> w = weight(name + "_w", scale, nin, nout);
		final Variable<TFloat32> b = zeros(name + "_b", nout);
		return tf.math.add(tf.linalg.matMul(in, w), b);
	}

	/**
	 * Inverted dropout whose keep probability is fed at run time: feed 1 for
	 * a deterministic forward pass, less than 1 for training or MC dropout.
	 */
	public Operand<TFloat32> dropout(final Operand<TFloat32> in,
		final Operand<TFloat32> keepProbability)
	{
		final long opSeed = ++opCounter;
		final Operand<TFloat32> u = tf.random.randomUniform(tf.shape(in),
			TFloat32.class, org.tensorflow.op.random.RandomUniform.seed(seed),
			org.tensorflow.op.random.RandomUniform.seed2(opSeed));
		final Operand<TFloat32> mask = tf.math.div(tf.dtypes.cast(tf.math.less(u,
			keepProbability), TFloat32.class), keepProbability);
		return tf.math.mul(in, mask);
	}

	/** Concatenation along channels (NHWC axis 3). */
	public Operand<TFloat32> concatChannels(final Operand<TFloat32> a,
		final Operand<TFloat32> b)
	{
		final List<Operand<TFloat32>> parts = Arrays.asList(a, b);
		return tf.concat(parts, tf.constant(3));
	}

	/**
	 * Numerically stable sigmoid cross-entropy, averaged over the pixels whose
	 * {@code weights} are non-zero (weight 0 = ignore / unlabelled).
	 */
	public Operand<TFloat32> maskedSigmoidCrossEntropy(
		final Operand<TFloat32> logits, final Operand<TFloat32> labels,
		final Operand<TFloat32> weights)
	{
		final Operand<TFloat32> perPixel = tf.math.add(tf.math.sub(tf.nn.relu(
			logits), tf.math.mul(logits, labels)), tf.math.log1p(tf.math.exp(tf.math
				.neg(tf.math.abs(logits)))));
		final Operand<org.tensorflow.types.TInt32> all = tf.constant(new int[] { 0, 1, 2, 3 });
		return tf.math.div(tf.reduceSum(tf.math.mul(perPixel, weights), all), tf
			.math.maximum(tf.reduceSum(weights, all), tf.constant(1e-6f)));
	}

	/**
	 * Soft Dice loss {@code 1 - (2 sum(p y) + 1) / (sum(p) + sum(y) + 1)} of
	 * the sigmoid probability {@code p} over the pixels of the whole batch
	 * whose {@code weights} are non-zero (the labelled pixels; the weight
	 * values themselves do not count). The +1 keeps it defined and near 0 for
	 * a batch without foreground that is predicted as background.
	 */
	public Operand<TFloat32> maskedSoftDice(final Operand<TFloat32> logits,
		final Operand<TFloat32> labels, final Operand<TFloat32> weights)
	{
		final Operand<TFloat32> mask = tf.math.sign(weights);
		final Operand<TFloat32> p = tf.math.mul(tf.math.sigmoid(logits), mask);
		final Operand<TFloat32> y = tf.math.mul(labels, mask);
		final Operand<org.tensorflow.types.TInt32> all = tf.constant(new int[] { 0,
			1, 2, 3 });
		final Operand<TFloat32> one = tf.constant(1f);
		final Operand<TFloat32> inter = tf.reduceSum(tf.math.mul(p, y), all);
		final Operand<TFloat32> denom = tf.math.add(tf.math.add(tf.reduceSum(p,
			all), tf.reduceSum(y, all)), one);
		return tf.math.sub(one, tf.math.div(tf.math.add(tf.math.mul(tf.constant(
			2f), inter), one), denom));
	}
}
