package io.github.twostream.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import io.github.twostream.model.tf.Tensors;
import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The task model (stream A): a U-Net that segments EM into foreground
 * (e.g. mitochondria) and background, retrained whenever the expert adds
 * labels. It owns one TF {@link Graph} and one {@link Session}; close it.
 * <p>
 * <b>Loss.</b> Masked sigmoid cross-entropy, averaged with per-pixel weights:
 * 0 for unlabelled ({@link TrainingSet#IGNORE}) pixels and, for labelled
 * pixels, class-balancing weights from the foreground fraction {@code f} of
 * the labelled pixels of the whole training set (clamped to [0.01, 0.99]):
 * {@code w_fg = f^-b / Z}, {@code w_bg = (1-f)^-b / Z}, with
 * {@code b = classBalance} and {@code Z = f^(1-b) + (1-f)^(1-b)} so the mean
 * weight of a labelled pixel is 1. {@code b = 1} gives both classes the same
 * total weight, {@code b = 0.5} (default) is the milder inverse square root
 * (with f = 7 %: w_fg = 2.6, w_bg = 0.71).
 * </p>
 * <p>
 * <b>Uncertainty.</b> {@link #score} runs one deterministic pass (dropout off)
 * for entropy, margin and the embedding, and T MC-dropout passes for BALD;
 * dropout sits only at the bottleneck and decoder, so the T passes reuse the
 * encoder outputs of the deterministic pass and run only the decoder.
 * </p>
 * <p>
 * Not thread-safe: use one model per thread.
 * </p>
 */
public final class TaskModel implements PixelPredictor, AutoCloseable {

	/** Pixels per forward call when predicting (bounds native memory). */
	private static final long PIXELS_PER_CALL = 64L * 64 * 64;

	private final UNetConfig config;
	private final Augmentation augmentation;
	private Graph graph;
	private Session session;
	private UNetGraph net;
	private Random rnd;
	private TFloat32 keepTraining;
	private final TensorSlot imageSlot = new TensorSlot();
	private final TensorSlot labelSlot = new TensorSlot();
	private final TensorSlot weightSlot = new TensorSlot();
	private final TensorSlot predictSlot = new TensorSlot();
	private final TensorSlot lrSlot = new TensorSlot();
	private long stepsTrained;
	private float threshold = 0.5f;

	/** A freshly initialised model with EM augmentation. */
	public TaskModel(final UNetConfig config) {
		this(config, Augmentation.em());
	}

	public TaskModel(final UNetConfig config, final Augmentation augmentation) {
		this.config = config;
		this.augmentation = augmentation;
		build(true);
	}

	/** For {@link ModelFiles#load}: graph built, variables not initialised. */
	TaskModel(final UNetConfig config, final Augmentation augmentation,
		final boolean initialise)
	{
		this.config = config;
		this.augmentation = augmentation;
		build(initialise);
	}

	private void build(final boolean initialise) {
		graph = new Graph();
		try {
			net = new UNetGraph(graph, config);
			session = TfRuntime.get().newSession(graph);
			if (initialise) session.initialize();
		}
		catch (final RuntimeException e) {
			closeNative();
			throw e;
		}
		keepTraining = TFloat32.scalarOf(config.keepProbability());
		rnd = new Random(config.seed());
		stepsTrained = 0;
	}

	/** Discards all training: new weights from the seed, as if just built. */
	public void reset() {
		closeNative();
		build(true);
	}

	public UNetConfig config() {
		return config;
	}

	public Augmentation augmentation() {
		return augmentation;
	}

	/** Training steps since construction, {@link #reset()} or loading. */
	public long stepsTrained() {
		return stepsTrained;
	}

	/**
	 * Probability from which a pixel counts as foreground (0.5 unless
	 * calibrated on held-out labels, see {@code loop.TaskStage}); saved with
	 * the checkpoint.
	 */
	public float threshold() {
		return threshold;
	}

	public void setThreshold(final float t) {
		if (!(t > 0 && t < 1)) throw new IllegalArgumentException("threshold " + t);
		threshold = t;
	}

	/** The device TF computes on ("CPU" or "GPU:0"); store it with versions. */
	public String device() {
		return TfRuntime.get().device();
	}

	/** Trainable variables (weights and biases) in creation order. */
	public List<Variable<TFloat32>> variables() {
		return net.variables;
	}

	/** Number of trainable parameters. */
	public long parameterCount() {
		long n = 0;
		for (final Variable<TFloat32> v : net.variables)
			n += v.shape().size();
		return n;
	}

	@Override
	public int sizeMultiple() {
		return config.sizeMultiple();
	}

	@Override
	public int channels() {
		return config.channels();
	}

	// -- Training --

	/**
	 * Runs {@code steps} Adam steps on random augmented batches of
	 * {@code data}, continuing from the current weights (call {@link #reset()}
	 * first for a fresh start). Returns the loss of the last step.
	 * <p>
	 * Patches may be larger than the config's patch size (context windows:
	 * the labelled patch plus a margin of {@link TrainingSet#IGNORE} pixels).
	 * With {@link UNetConfig#cosineSchedule()} the learning rate rises linearly
	 * over the first 5 % of the steps and then follows a cosine down to 5 % of
	 * the configured rate; with {@link UNetConfig#foregroundSampling()} > 0 a
	 * sample is drawn with that probability among the patches that have
	 * labelled foreground.
	 * </p>
	 */
	public float trainSteps(final TrainingSet data, final int steps,
		final Progress progress)
	{
		return trainSteps(data, steps, progress, null);
	}

	/**
	 * {@link #trainSteps(TrainingSet, int, Progress)}, calling
	 * {@code afterStep} with the number of steps done after each step (e.g. to
	 * snapshot the weights for a {@link WeightAverage} without restarting the
	 * learning-rate schedule); null: none.
	 */
	public float trainSteps(final TrainingSet data, final int steps,
		final Progress progress, final IntConsumer afterStep)
	{
		final int s = data.size();
		if (s % config.sizeMultiple() != 0) throw new UserException(
			"training patches are " + s + " pixels wide, not a multiple of " + config
				.sizeMultiple(), "cut patches at the model's patch size (" + config
					.patchSize() + ")");
		final int c = config.channels();
		if (data.channels() != c) throw new UserException("training patches have " +
			data.channels() + " image planes, the model takes " + c,
			"cut training windows with the model's input sections (" + config
				.inputSections() + " on each side)");
		final long fg = data.foregroundPixels(), bg = data.backgroundPixels();
		if (data.count() == 0 || fg + bg == 0) throw new UserException(
			"the training set has no labelled pixels",
			"label some foreground and background first");
		final double f = Math.min(0.99, Math.max(0.01, fg / (double) (fg + bg)));
		final double b = config.classBalance();
		final double z = Math.pow(f, 1 - b) + Math.pow(1 - f, 1 - b);
		final float wFg = (float) (Math.pow(f, -b) / z);
		final float wBg = (float) (Math.pow(1 - f, -b) / z);

		final int batch = config.batchSize(), px = s * s, len = batch * px;
		final float[] img = new float[len * c], lab = new float[len], wt =
			new float[len];
		final byte[] msk = new byte[len];
		final Shape shape = Tensors.batchShape(batch, s, s);
		final Shape imageShape = Tensors.batchShape(batch, s, s, c);
		final int[] withFg = data.withForeground();
		final boolean balance = config.foregroundSampling() > 0 &&
			withFg.length > 0 && withFg.length < data.count();
		float loss = Float.NaN;
		for (int step = 0; step < steps; step++) {
			progress.checkCancelled();
			for (int i = 0; i < batch; i++) {
				final int k = balance && rnd.nextFloat() < config.foregroundSampling()
					? withFg[rnd.nextInt(withFg.length)] : rnd.nextInt(data.count());
				augmentation.apply(data.image(k), data.mask(k), s, c, rnd, img, msk, i *
					c * px, i * px);
			}
			for (int j = 0; j < len; j++) {
				final byte m = msk[j];
				lab[j] = m == TrainingSet.FOREGROUND ? 1f : 0f;
				wt[j] = m == TrainingSet.FOREGROUND ? wFg : m == TrainingSet.BACKGROUND
					? wBg : 0f;
			}
			try (Result r = session.runner() //
				.feed(net.input, imageSlot.fill(imageShape, img, 0, c)) //
				.feed(net.labels, labelSlot.fill(shape, lab, 0)) //
				.feed(net.weights, weightSlot.fill(shape, wt, 0)) //
				.feed(net.keep, keepTraining) //
				.feed(net.learningRate, lrSlot.scalar(learningRate(step, steps))) //
				.addTarget(net.train).fetch(net.loss).run())
			{
				loss = ((TFloat32) r.get(0)).getFloat();
			}
			stepsTrained++;
			if (afterStep != null) afterStep.accept(step + 1);
			progress.progress(step + 1, steps);
		}
		return loss;
	}

	/** The learning rate of step {@code step} of {@code steps} (see trainSteps). */
	float learningRate(final int step, final int steps) {
		final float lr = config.learningRate();
		if (!config.cosineSchedule() || steps < 2) return lr;
		final int warm = Math.max(1, steps / 20);
		if (step < warm) return lr * (step + 1) / warm;
		final double t = (step - warm) / (double) Math.max(1, steps - 1 - warm);
		return (float) (lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * t))));
	}

	// -- Prediction --

	/** Deterministic prediction of {@code n} patches of the configured size. */
	public void predict(final float[] batch, final int n, final float[] probOut) {
		predict(batch, n, config.patchSize(), config.patchSize(), probOut);
	}

	/** Deterministic prediction (dropout off) of {@code n} h x w images. */
	@Override
	public void predict(final float[] images, final int n, final int h,
		final int w, final float[] probOut)
	{
		checkBatch(images, n, h, w);
		if (probOut.length < (long) n * h * w) throw new IllegalArgumentException(
			"probOut too small");
		final int px = h * w, c = config.channels();
		final int chunk = chunk(px * c);
		for (int start = 0; start < n; start += chunk) {
			final int m = Math.min(chunk, n - start);
			try (Result r = session.runner().feed(net.input, predictSlot.fill(Tensors
				.batchShape(m, h, w, c), images, start * c * px, c)).fetch(
					net.probability).run())
			{
				((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(probOut,
					start * px, m * px);
			}
		}
	}

	/**
	 * MC-dropout prediction: T stochastic passes (keep probability from the
	 * config) per patch, giving the mean probability and BALD per pixel.
	 */
	public McResult mcPredict(final float[] batch, final int n, final int T) {
		if (T < 1) throw new IllegalArgumentException("T must be >= 1");
		final int s = config.patchSize(), px = s * s;
		final float[] mean = new float[n * px], mi = new float[n * px];
		run(batch, n, T, null, null, mean, mi);
		return new McResult(mean, mi, T);
	}

	/** L2-normalised bottleneck embeddings {@code [n][C]} of the patches. */
	public float[][] embed(final float[] patches, final int n) {
		final float[][] emb = new float[n][];
		run(patches, n, 0, null, emb, null, null);
		return emb;
	}

	/**
	 * Stream A scores of {@code n} patches of the configured size: entropy,
	 * margin and embedding from one deterministic pass, BALD from {@code T}
	 * MC-dropout passes (T = 0 skips BALD).
	 */
	public PatchScores score(final float[] patches, final int n, final int T) {
		final int px = config.patchSize() * config.patchSize();
		final float[] prob = new float[n * px];
		final float[][] emb = new float[n][];
		final float[] mean = T > 0 ? new float[n * px] : null;
		final float[] mi = T > 0 ? new float[n * px] : null;
		run(patches, n, T, prob, emb, mean, mi);
		final float[] ent = new float[n], mar = new float[n], bald = new float[n];
		for (int i = 0; i < n; i++) {
			double e = 0, m = 0, b = 0;
			for (int j = i * px; j < (i + 1) * px; j++) {
				e += Uncertainties.entropy(prob[j]);
				m += Uncertainties.margin(prob[j]);
				if (mi != null) b += mi[j];
			}
			ent[i] = (float) (e / px);
			mar[i] = (float) (m / px);
			bald[i] = (float) (b / px);
		}
		return new PatchScores(ent, mar, bald, emb);
	}

	/**
	 * The shared pass structure: per chunk, one deterministic run fetching the
	 * probability, embedding and encoder outputs; then T runs that feed the
	 * encoder outputs back with dropout on. Null outputs are not computed.
	 */
	private void run(final float[] images, final int n, final int T,
		final float[] probOut, final float[][] embOut, final float[] meanOut,
		final float[] miOut)
	{
		final int s = config.patchSize(), px = s * s, c = config.channels();
		checkBatch(images, n, s, s);
		final int chunk = chunk(px * c);
		final List<Operand<TFloat32>> det = net.deterministic;
		final double[] sumP = T > 0 ? new double[chunk * px] : null;
		final double[] sumH = T > 0 ? new double[chunk * px] : null;
		for (int start = 0; start < n; start += chunk) {
			final int m = Math.min(chunk, n - start);
			final Session.Runner runner = session.runner().feed(net.input, predictSlot
				.fill(Tensors.batchShape(m, s, s, c), images, start * c * px, c));
			if (probOut != null) runner.fetch(net.probability);
			if (embOut != null) runner.fetch(net.embedding);
			if (T > 0) det.forEach(runner::fetch);
			try (Result r = runner.run()) {
				int k = 0;
				if (probOut != null) ((TFloat32) r.get(k++)).asRawTensor().data()
					.asFloats().read(probOut, start * px, m * px);
				if (embOut != null) {
					final float[][] e = Tensors.matrix(
						(TFloat32) r.get(k++));
					System.arraycopy(e, 0, embOut, start, m);
				}
				if (T > 0) {
					final List<TFloat32> enc = new ArrayList<>();
					for (int i = 0; i < det.size(); i++)
						enc.add((TFloat32) r.get(k++));
					mcPasses(enc, m, px, T, sumP, sumH, meanOut, miOut, start * px);
				}
			}
		}
	}

	private void mcPasses(final List<TFloat32> encoder, final int m,
		final int px, final int T, final double[] sumP, final double[] sumH,
		final float[] meanOut, final float[] miOut, final int outOff)
	{
		final int len = m * px;
		Arrays.fill(sumP, 0, len, 0);
		Arrays.fill(sumH, 0, len, 0);
		final float[] p = new float[len];
		for (int t = 0; t < T; t++) {
			final Session.Runner runner = session.runner().feed(net.keep,
				keepTraining);
			for (int i = 0; i < encoder.size(); i++)
				runner.feed(net.deterministic.get(i), encoder.get(i));
			try (Result r = runner.fetch(net.probability).run()) {
				((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(p, 0, len);
			}
			for (int j = 0; j < len; j++) {
				sumP[j] += p[j];
				sumH[j] += Uncertainties.entropy(p[j]);
			}
		}
		for (int j = 0; j < len; j++) {
			final double mean = sumP[j] / T;
			meanOut[outOff + j] = (float) mean;
			miOut[outOff + j] = (float) Math.max(0, Uncertainties.entropy(mean) -
				sumH[j] / T);
		}
	}

	private int chunk(final int px) {
		return (int) Math.max(1, PIXELS_PER_CALL / px);
	}

	private void checkBatch(final float[] images, final int n, final int h,
		final int w)
	{
		if (n < 1) throw new IllegalArgumentException("n must be >= 1");
		if (h % config.sizeMultiple() != 0 || w % config.sizeMultiple() != 0)
			throw new UserException("image size " + w + "x" + h +
				" is not a multiple of " + config.sizeMultiple(),
				"pad or tile images to multiples of " + config.sizeMultiple() +
					" (TiledPredictor does this)");
		final long need = (long) n * h * w * config.channels();
		if (images.length < need) throw new IllegalArgumentException("batch holds " +
			images.length + " values, needs " + need);
	}

	// -- Files --

	/** Saves a checkpoint (TF variables + model.json) into {@code dir}. */
	public void save(final Path dir) {
		ModelFiles.save(this, dir);
	}

	/** Loads a checkpoint written by {@link #save}, verifying it. */
	public static TaskModel load(final Path dir) {
		return ModelFiles.load(dir, null);
	}

	/**
	 * Loads a checkpoint that must fit {@code expected}'s architecture (depth,
	 * filters); training settings come from {@code expected}.
	 */
	public static TaskModel load(final Path dir, final UNetConfig expected) {
		return ModelFiles.load(dir, expected);
	}

	/** Exports a TF SavedModel (signature "serving_default") + description. */
	public void exportSavedModel(final Path dir) {
		ModelFiles.exportSavedModel(this, dir);
	}

	// -- Internals for ModelFiles / ModelBench --

	Session session() {
		return session;
	}

	Graph graph() {
		return graph;
	}

	UNetGraph net() {
		return net;
	}

	void restored(final long steps) {
		stepsTrained = steps;
	}

	@Override
	public void close() {
		closeNative();
	}

	private void closeNative() {
		imageSlot.close();
		labelSlot.close();
		weightSlot.close();
		predictSlot.close();
		lrSlot.close();
		if (keepTraining != null) keepTraining.close();
		if (session != null) session.close();
		if (graph != null) graph.close();
		keepTraining = null;
		session = null;
		graph = null;
	}

	/**
	 * A reusable input tensor: reallocated only when the shape changes, else
	 * overwritten in place (saves a native allocation per call).
	 */
	private static final class TensorSlot implements AutoCloseable {

		private TFloat32 tensor;

		private float[] interleaved;

		TFloat32 fill(final Shape shape, final float[] src, final int offset) {
			if (tensor == null || !tensor.shape().equals(shape)) {
				close();
				tensor = TFloat32.tensorOf(shape);
			}
			tensor.asRawTensor().data().asFloats().write(src, offset, (int) shape
				.size());
			return tensor;
		}

		/**
		 * {@link #fill} from planar images of {@code c} channels (NB: the
		 * shape's last axis): interleaved first when {@code c > 1}.
		 */
		TFloat32 fill(final Shape shape, final float[] src, final int offset,
			final int c)
		{
			if (c == 1) return fill(shape, src, offset);
			final int size = (int) shape.size();
			if (interleaved == null || interleaved.length < size) interleaved =
				new float[size];
			Tensors.channelsLast(src, offset, (int) shape.get(0), c, (int) (shape
				.get(1) * shape.get(2)), interleaved);
			return fill(shape, interleaved, 0);
		}

		TFloat32 scalar(final float v) {
			if (tensor == null || tensor.shape().numDimensions() != 0) {
				close();
				tensor = TFloat32.scalarOf(v);
			}
			else tensor.setFloat(v);
			return tensor;
		}

		@Override
		public void close() {
			if (tensor != null) tensor.close();
			tensor = null;
		}
	}
}
