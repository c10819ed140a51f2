package io.github.twostream.model;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import io.github.twostream.model.tf.Layers;
import io.github.twostream.model.tf.Optimizers;

/**
 * The U-Net graph of a {@link TaskModel}: handles to its inputs, outputs and
 * training op. Fully convolutional: the input is {@code [N, H, W, C]} with
 * {@code C = }{@link UNetConfig#channels()} and {@code H} and {@code W}
 * multiples of {@link UNetConfig#sizeMultiple()}; labels, weights and the
 * probability are {@code [N, H, W, 1]}.
 */
final class UNetGraph {

	final Placeholder<TFloat32> input;
	/** Dropout keep probability; defaults to 1 (deterministic) if not fed. */
	final Operand<TFloat32> keep;
	final Placeholder<TFloat32> labels;
	final Placeholder<TFloat32> weights;
	/** Learning rate of the next step; defaults to the config's if not fed. */
	final Operand<TFloat32> learningRate;
	/**
	 * Outputs of the deterministic part of the network (the encoder skips and
	 * the bottleneck before dropout). NB: MC dropout feeds these back, computed
	 * once, so the T stochastic passes only run the decoder.
	 */
	final List<Operand<TFloat32>> deterministic = new ArrayList<>();
	final Operand<TFloat32> logits;
	final Operand<TFloat32> probability;
	/** L2-normalised global average of the bottleneck features, [N, C]. */
	final Operand<TFloat32> embedding;
	final Operand<TFloat32> loss;
	final Op train;
	final List<Variable<TFloat32>> variables;

	/**
	 * Channel ("spatial") dropout: one inverted-dropout mask value per sample
	 * and channel, shared by all pixels.
	 * <p>
	 * NB: neighbouring pixels of a feature map are strongly correlated, so
	 * per-pixel dropout mostly adds pixel noise; dropping whole feature maps
	 * (Tompson et al. 2015) perturbs what the decoder sees, which is what MC
	 * dropout should sample, and needs N*C instead of N*H*W*C random numbers
	 * per pass (the T MC passes were dominated by random-number generation).
	 * </p>
	 */
	private static Operand<TFloat32> channelDropout(final Ops tf,
		final Operand<TFloat32> in, final Operand<TFloat32> keep, final long seed,
		final long seed2)
	{
		final Operand<org.tensorflow.types.TInt32> shape = tf.shape(in);
		final Operand<org.tensorflow.types.TInt32> noiseShape = tf.concat(List.of(
			tf.slice(shape, tf.constant(new int[] { 0 }), tf.constant(new int[] {
				1 })), tf.constant(new int[] { 1, 1 }), tf.slice(shape, tf.constant(
					new int[] { 3 }), tf.constant(new int[] { 1 }))), tf.constant(0));
		final Operand<TFloat32> u = tf.random.randomUniform(noiseShape,
			TFloat32.class, org.tensorflow.op.random.RandomUniform.seed(seed),
			org.tensorflow.op.random.RandomUniform.seed2(seed2));
		final Operand<TFloat32> mask = tf.math.div(tf.dtypes.cast(tf.math.less(u,
			keep), TFloat32.class), keep);
		return tf.math.mul(in, mask);
	}

	UNetGraph(final Graph graph, final UNetConfig c) {
		final Ops tf = Ops.create(graph);
		final Layers l = new Layers(tf, c.seed());
		input = tf.withName("image").placeholder(TFloat32.class, Placeholder
			.shape(Shape.of(-1, -1, -1, c.channels())));
		keep = tf.withName("keep_probability").placeholderWithDefault(tf.constant(
			1f), Shape.scalar());
		labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder
			.shape(Shape.of(-1, -1, -1, 1)));
		weights = tf.withName("weights").placeholder(TFloat32.class, Placeholder
			.shape(Shape.of(-1, -1, -1, 1)));
		learningRate = tf.withName("learning_rate").placeholderWithDefault(tf
			.constant(c.learningRate()), Shape.scalar());
		final int g = c.normGroups();

		// Encoder.
		Operand<TFloat32> x = input;
		long cin = c.channels();
		final List<Operand<TFloat32>> skips = new ArrayList<>();
		for (int level = 0; level < c.depth() - 1; level++) {
			final long f = c.filters(level);
			x = l.convNormRelu("enc" + level + "_a", x, 3, cin, f, g);
			x = l.convNormRelu("enc" + level + "_b", x, 3, f, f, g);
			skips.add(x);
			x = l.maxPool2(x);
			cin = f;
		}
		final int bl = c.depth() - 1;
		final long fb = c.filters(bl);
		x = l.convNormRelu("bottleneck_a", x, 3, cin, fb, g);
		x = l.convNormRelu("bottleneck_b", x, 3, fb, fb, g);
		deterministic.addAll(skips);
		deterministic.add(x);
		final Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] { 1,
			2 }));
		final Operand<TFloat32> norm = tf.math.sqrt(tf.math.maximum(tf.reduceSum(tf
			.math.square(pooled), tf.constant(new int[] { 1 }),
			org.tensorflow.op.core.ReduceSum.keepDims(true)), tf.constant(1e-12f)));
		embedding = tf.withName("embedding").math.div(pooled, norm);
		x = channelDropout(tf, x, keep, c.seed(), 1001);

		// Decoder.
		long cur = fb;
		for (int level = c.depth() - 2; level >= 0; level--) {
			final long f = c.filters(level);
			final Operand<TFloat32> up = l.upConv2("up" + level, x, cur, f);
			x = l.concatChannels(skips.get(level), up);
			x = l.convNormRelu("dec" + level + "_a", x, 3, 2 * f, f, g);
			x = l.convNormRelu("dec" + level + "_b", x, 3, f, f, g);
			x = channelDropout(tf, x, keep, c.seed(), 1001);
			cur = f;
		}
		logits = l.conv2d("head", x, 1, cur, 1);
		probability = tf.withName("probability").math.sigmoid(logits);
		final Operand<TFloat32> bce = l.maskedSigmoidCrossEntropy(logits, labels,
			weights);
		loss = tf.withName("loss").identity(c.diceWeight() > 0 ? tf.math.add(bce,
			tf.math.mul(tf.constant(c.diceWeight()), l.maskedSoftDice(logits, labels,
				weights))) : bce);
		variables = new ArrayList<>(l.variables());
		train = Optimizers.adam(tf, learningRate, loss, variables);
	}
}
