package io.github.twostream.structure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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

import io.github.twostream.model.tf.Optimizers;
import io.github.twostream.model.tf.Layers;
import io.github.twostream.model.tf.Tensors;
import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Stream B's encoder: a small CNN trained once per volume with the SimCLR
 * objective (NT-Xent over 2N augmented views) on all patches of the
 * unlabelled pool, then kept fixed.
 * <p>
 * Network: four 3x3 conv + ReLU stages (filters f, 2f, 4f, 4f; 2x2 max pool
 * after the first three), global average pooling, a dense layer to the
 * embedding {@code h}. The stored embedding is {@code h / |h|}; a two-layer
 * projection head {@code g(h)} feeds only the loss (as in SimCLR, the layer
 * before the head transfers better).
 * </p>
 * <p>
 * NB: the NT-Xent loss is built from MatMul, Exp, Log, Sum, Mul, Sub, Sqrt
 * and Div only, whose gradients are registered in TF's C API, so
 * TF can differentiate it in graph mode (see {@link Optimizers#adam}). The self
 * and positive-pair masks are fed per step, so a short last batch works.
 * The optimiser is always built, so every encoder of one config has the same
 * variables and any checkpoint of that config restores into it.
 * </p>
 */
public final class ContrastiveEncoder implements StructureEncoder {

	static final String JSON = "encoder.json";
	static final String FORMAT = "twostream-contrastive-encoder";
	static final int FORMAT_VERSION = 1;
	private static final int EMBED_BATCH = 128;

	private final EncoderCacheKey key;
	private final EncoderConfig config;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input, notSelf, positives;
	private final Operand<TFloat32> embedding, loss;
	private final Op trainOp;
	private final Map<Integer, float[][]> masks = new HashMap<>();
	private int trainedEpochs;
	private String fineTunedOn = "";
	private final List<Double> epochLosses = new ArrayList<>();

	/** A new, untrained encoder for {@code key}. */
	public ContrastiveEncoder(final EncoderCacheKey key) {
		this.key = key;
		this.config = key.config();
		final TfRuntime runtime = TfRuntime.get();
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
			session = runtime.newSession(graph);
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
	private float[][] masks(final int n) {
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

	@Override
	public EncoderCacheKey key() {
		return key;
	}

	public EncoderConfig config() {
		return config;
	}

	@Override
	public int embeddingDim() {
		return config.embeddingDim();
	}

	/** Epochs trained so far (0 = untrained). */
	public int trainedEpochs() {
		return trainedEpochs;
	}

	/** Mean NT-Xent loss of each epoch trained in this session. */
	public List<Double> epochLosses() {
		return List.copyOf(epochLosses);
	}

	@Override
	public boolean isValidFor(final EncoderCacheKey k) {
		return trainedEpochs > 0 && key.hash().equals(k.hash());
	}

	/**
	 * Trains for {@code config.epochs()} epochs on random views of the patches
	 * of {@code source}; reports per step and stops between steps on cancel.
	 *
	 * @return the mean loss of each epoch
	 */
	public double[] train(final PatchSource source, final Progress progress) {
		checkSource(source);
		final int n = source.count();
		if (n < 2) throw new UserException("The pool has " + n +
			" patch(es); contrastive training needs at least 2",
			"use a larger image or a smaller patch size");
		final int perEpoch = config.samplesPerEpoch() > 0 ? Math.min(config
			.samplesPerEpoch(), n) : n;
		final int batch = Math.min(config.batchSize(), perEpoch);
		final int steps = (perEpoch + batch - 1) / batch;
		final long total = (long) steps * config.epochs();
		final int s = config.inputSize(), px = s * s;
		final int p = config.patchSize();
		final float[] patch = new float[p * p];
		final float[] views = new float[2 * batch * px];
		final int[] order = new int[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		final SplittableRandom shuffler = new SplittableRandom(config.seed() ^
			0x5DEECE66DL);
		final ViewAugmenter augmenter = new ViewAugmenter(p, s, config.seed() +
			trainedEpochs * 7919L);
		final double[] result = new double[config.epochs()];
		long done = 0;
		progress.status("Training structure encoder");
		progress.progress(0, total);
		for (int e = 0; e < config.epochs(); e++) {
			// NB: the first perEpoch entries are this epoch's sample
			shuffle(order, n, shuffler);
			double sum = 0;
			int counted = 0;
			for (int st = 0; st < steps; st++) {
				progress.checkCancelled();
				final int from = st * batch, m = Math.min(batch, perEpoch - from);
				if (m < 2) break; // NB: a single patch has no negatives
				for (int b = 0; b < m; b++) {
					source.read(order[from + b], patch);
					augmenter.augment(patch, views, b * px);
					augmenter.augment(patch, views, (m + b) * px);
				}
				final float[][] mk = masks(m);
				sum += step(views, m, mk[0], mk[1]);
				counted++;
				progress.progress(++done, total);
			}
			result[e] = counted > 0 ? sum / counted : Double.NaN;
			epochLosses.add(result[e]);
			trainedEpochs++;
			progress.status(String.format(java.util.Locale.ROOT,
				"Training structure encoder: epoch %d/%d, loss %.4f", e + 1, config
					.epochs(), result[e]));
		}
		return result;
	}

	/** One Adam step on 2m views; returns the loss. */
	private float step(final float[] views, final int m, final float[] notSelfMask,
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

	/**
	 * Optional supervised fine-tuning on labelled patches (off by default, see
	 * {@link FineTuning}): the same loss with every view of a patch of the same
	 * class as positive (supervised contrastive, SupCon "L_out": the positive
	 * term is the mean similarity over all positives).
	 * <p>
	 * NB: fine-tuning changes the embedding, so every derived value
	 * (typicality, novelty) must be recomputed; {@link #fineTunedOn()} records
	 * a hash of the labels used and is saved with the weights.
	 * </p>
	 *
	 * @param ids labelled patches of {@code source}
	 * @param classes one class per id (e.g. a foreground bin)
	 * @return the mean loss of each fine-tuning epoch (empty if disabled)
	 */
	public double[] fineTune(final PatchSource source, final int[] ids,
		final int[] classes, final FineTuning settings, final Progress progress)
	{
		if (!settings.enabled()) return new double[0];
		checkSource(source);
		if (ids.length != classes.length) throw new UserException("Got " +
			ids.length + " labelled patches but " + classes.length + " classes",
			"give one class per labelled patch");
		if (ids.length < 2) throw new UserException(
			"Fine-tuning needs at least 2 labelled patches, got " + ids.length,
			"label more patches or leave fine-tuning off");
		for (final int id : ids)
			if (id < 0 || id >= source.count()) throw new UserException(
				"Unknown patch id " + id, "valid ids are 0 to " + (source.count() - 1));
		final int n = ids.length, batch = Math.min(config.batchSize(), n);
		final int steps = (n + batch - 1) / batch;
		final int s = config.inputSize(), px = s * s, p = config.patchSize();
		final float[] patch = new float[p * p];
		final float[] views = new float[2 * batch * px];
		final int[] order = new int[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		final SplittableRandom shuffler = new SplittableRandom(config.seed() ^
			0xF17E7L);
		final ViewAugmenter augmenter = new ViewAugmenter(p, s, config.seed() ^
			0xF17E8L);
		final double[] result = new double[settings.epochs()];
		final long total = (long) steps * settings.epochs();
		long done = 0;
		progress.status("Fine-tuning structure encoder on labels");
		for (int e = 0; e < settings.epochs(); e++) {
			shuffle(order, n, shuffler);
			double sum = 0;
			int counted = 0;
			for (int st = 0; st < steps; st++) {
				progress.checkCancelled();
				final int from = st * batch, m = Math.min(batch, n - from);
				if (m < 2) break;
				for (int b = 0; b < m; b++) {
					source.read(ids[order[from + b]], patch);
					augmenter.augment(patch, views, b * px);
					augmenter.augment(patch, views, (m + b) * px);
				}
				final int rows = 2 * m;
				final float[] pos = new float[rows * rows];
				for (int i = 0; i < rows; i++) {
					final int ci = classes[order[from + i % m]];
					int count = 0;
					for (int j = 0; j < rows; j++)
						if (j != i && classes[order[from + j % m]] == ci) {
							pos[i * rows + j] = 1;
							count++;
						}
					for (int j = 0; j < rows; j++) // NB: count >= 1 (the other view)
						pos[i * rows + j] /= count;
				}
				sum += step(views, m, masks(m)[0], pos);
				counted++;
				progress.progress(++done, total);
			}
			result[e] = counted > 0 ? sum / counted : Double.NaN;
		}
		fineTunedOn = labelsHash(ids, classes);
		return result;
	}

	private static String labelsHash(final int[] ids, final int[] classes) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < ids.length; i++)
			sb.append(ids[i]).append(':').append(classes[i]).append(',');
		return new EncoderCacheKey(sb.toString(), EncoderConfig.defaults()).hash()
			.substring(0, 16);
	}

	/**
	 * Hash of the labels this encoder was fine-tuned on, or the empty string
	 * if it is purely self-supervised.
	 */
	public String fineTunedOn() {
		return fineTunedOn;
	}

	private static TFloat32 square(final float[] data, final int m) {
		return TFloat32.tensorOf(Shape.of(m, m), DataBuffers.of(data, true, false));
	}

	private void checkSource(final PatchSource source) {
		if (source.patchSize() != config.patchSize()) throw new UserException(
			"The patches are " + source.patchSize() + " px but the encoder expects " +
				config.patchSize() + " px", "use the same patch size as the encoder (" +
					config.patchSize() + ")");
	}

	@Override
	public float[][] embed(final PatchSource source, final Progress progress) {
		checkSource(source);
		final int n = source.count(), s = config.inputSize(), px = s * s;
		final int p = config.patchSize();
		final float[][] out = new float[n][];
		final float[] patch = new float[p * p];
		final float[] batch = new float[Math.min(EMBED_BATCH, Math.max(1, n)) * px];
		progress.status("Embedding patches");
		for (int from = 0; from < n; from += EMBED_BATCH) {
			progress.checkCancelled();
			final int m = Math.min(EMBED_BATCH, n - from);
			for (int b = 0; b < m; b++) {
				source.read(from + b, patch);
				ViewAugmenter.resize(patch, p, batch, b * px, s);
			}
			try (TFloat32 in = Tensors.batch(batch, m, s, s);
					Result r = session.runner().feed(input, in).fetch(embedding).run())
			{
				final float[][] rows = Tensors.matrix((TFloat32) r.get(0));
				System.arraycopy(rows, 0, out, from, m);
			}
			progress.progress(from + m, n);
		}
		return out;
	}

	// -- persistence --

	private static Path prefix(final Path dir) {
		return dir.resolve("variables").resolve("encoder");
	}

	@Override
	public void save(final Path dir) {
		try {
			Files.createDirectories(prefix(dir).getParent());
			session.save(prefix(dir).toString());
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("format", FORMAT);
			m.put("formatVersion", FORMAT_VERSION);
			m.put("keyHash", key.hash());
			m.put("volumeFingerprint", key.volumeFingerprint());
			m.put("trainedEpochs", trainedEpochs);
			m.put("fineTunedOn", fineTunedOn);
			m.putAll(config.toMap());
			Files.writeString(dir.resolve(JSON), FlatJson.write(m),
				StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UserException("Could not write the encoder to " + dir + " (" +
				e.getMessage() + ")", "check that the folder is writable", e);
		}
	}

	/** Loads an encoder saved by {@link #save}; corrupt -> UserException. */
	public static ContrastiveEncoder load(final Path dir) {
		final Path json = dir.resolve(JSON);
		final Map<String, String> m;
		try {
			m = FlatJson.read(Files.readString(json, StandardCharsets.UTF_8));
		}
		catch (final IOException | IllegalArgumentException e) {
			throw new UserException("No readable encoder at " + json + " (" + e
				.getMessage() + ")", "retrain the encoder (twostream train-encoder)", e);
		}
		if (!FORMAT.equals(m.get("format")) || !String.valueOf(FORMAT_VERSION)
			.equals(m.get("formatVersion"))) throw new UserException(json +
				" is not a version " + FORMAT_VERSION + " contrastive encoder",
				"retrain the encoder (twostream train-encoder)");
		final EncoderConfig config = EncoderConfig.fromMap(m);
		final String fingerprint = m.get("volumeFingerprint");
		if (fingerprint == null) throw new UserException(json +
			" lacks the volume fingerprint", "retrain the encoder (twostream train-encoder)");
		final EncoderCacheKey key = new EncoderCacheKey(fingerprint, config);
		if (!key.hash().equals(m.get("keyHash"))) throw new UserException(json +
			" was edited or is corrupt (its key hash does not match its settings)",
			"retrain the encoder (twostream train-encoder)");
		final ContrastiveEncoder enc = new ContrastiveEncoder(key);
		try {
			enc.session.restore(prefix(dir).toString());
			enc.trainedEpochs = Integer.parseInt(m.getOrDefault("trainedEpochs",
				"0"));
			enc.fineTunedOn = m.getOrDefault("fineTunedOn", "");
		}
		catch (final RuntimeException e) {
			enc.close();
			throw new UserException("The encoder weights in " + dir +
				" are missing or corrupt (" + firstLine(e) + ")",
				"retrain the encoder (twostream train-encoder)", e);
		}
		return enc;
	}

	/**
	 * Loads the encoder in {@code dir} if it was trained for {@code expected};
	 * a checkpoint of another volume or settings -> UserException.
	 */
	public static ContrastiveEncoder load(final Path dir,
		final EncoderCacheKey expected)
	{
		final ContrastiveEncoder enc = load(dir);
		if (!enc.isValidFor(expected)) {
			enc.close();
			throw new UserException("The encoder in " + dir +
				" was trained for another volume or other settings (or not at all)",
				"retrain it for this project (twostream train-encoder)");
		}
		return enc;
	}

	private static String firstLine(final Throwable e) {
		final String msg = String.valueOf(e.getMessage());
		final int nl = msg.indexOf('\n');
		return nl < 0 ? msg : msg.substring(0, nl);
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}

	/** Fisher-Yates shuffle of the first {@code n} entries of {@code order}. */
	private static void shuffle(final int[] order, final int n,
		final SplittableRandom random)
	{
		for (int i = n - 1; i > 0; i--) {
			final int j = random.nextInt(i + 1);
			final int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
	}
}
