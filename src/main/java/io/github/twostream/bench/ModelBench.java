package io.github.twostream.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.tensorflow.types.TFloat32;

import io.github.twostream.model.Augmentation;
import io.github.twostream.model.BareForward;
import io.github.twostream.model.Calibration;
import io.github.twostream.model.FlipAveraged;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.PixelPredictor;
import io.github.twostream.model.SectionAveraging;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.model.TrainingSet;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.model.tf.Tensors;
import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.loop.Evaluation;
import io.github.twostream.loop.HeldOut;
import io.github.twostream.loop.Predictions;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.simulation.SliceRange;
import io.github.twostream.simulation.Slabs;
import io.github.twostream.util.Machine;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * Benchmark of the task model (not a test). Without a data set: training and
 * inference throughput of a preset, the overhead of {@link TaskModel}'s Java
 * glue over a bare session run. With a data set (Lucchi++ or ISBI 2012): the
 * learning check of the issue-12 figures: train with {@link TaskStage#fit}
 * (the recipe of {@code twostream train}) on random labelled 64 x 64 patches
 * of the training part for each seed, and report foreground IoU and mean IoU
 * on the test part at the calibrated threshold and at 0.5; or the seconds of
 * a retrain round.
 * <p>
 * Run with {@code ./twostream bench-model}; every figure of
 * {@code docs/notes/streama.md} names its command.
 * </p>
 */
public final class ModelBench {

	/** The two EM data sets with ground truth the figures use. */
	public enum Dataset {
		/** Lucchi++: train-images/labels.tif (pool), test-images/labels.tif; 255 = mitochondrion. */
		LUCCHI,
		/** ISBI 2012: train-volume/labels.tif, slices 0-19 pool, 20-29 test; 0 = membrane. */
		ISBI
	}

	/**
	 * @param seconds minimum timed duration of each throughput figure
	 * @param data folder of the data set, or null for throughput only
	 * @param dataset which data set {@code data} holds
	 * @param preset model preset name
	 * @param patches random labelled patches per seed (0 = every pool patch,
	 *          full supervision)
	 * @param seeds seeds of the patch draw and the model
	 * @param retrain labelled patches of a timed retrain round (0 = none; then
	 *          the IoU check runs)
	 * @param validation evaluate on a validation split of the training data
	 *          instead of the test data (to choose settings without looking at
	 *          the test set)
	 * @param training departures from the preset's training
	 * @param testTime how the trained model is evaluated
	 */
	public record Settings(double seconds, Path data, Dataset dataset,
		String preset, int patches, List<Long> seeds, int retrain,
		boolean validation, Training training, TestTime testTime)
	{

		public static Settings defaults() {
			return new Settings(10, null, Dataset.LUCCHI, ModelPreset.FAST, 200, List
				.of(1L), 0, false, Training.PRESET, TestTime.ONE_PASS);
		}

		/** These settings on another data folder. */
		public Settings withData(final Path dir) {
			return new Settings(seconds, dir, dataset, preset, patches, seeds, retrain,
				validation, training, testTime);
		}
	}

	/**
	 * Departures from the preset's training, each measured beside it.
	 *
	 * @param steps training steps (0 = the preset's budget)
	 * @param averaging weight snapshots averaged at the end of training
	 *          ({@link TaskStage.FitOptions}; 0 = the last iterate, as
	 *          {@code train} does)
	 * @param elastic elastic deformation of the training windows, pixels
	 *          ({@link Augmentation#elasticSigma()}); negative: the preset's
	 * @param inputSections 2.5-D input, neighbouring sections on each side
	 *          ({@link UNetConfig#inputSections()}); negative: the preset's
	 */
	public record Training(int steps, int averaging, float elastic,
		int inputSections)
	{

		/** The preset as it is. */
		public static final Training PRESET = new Training(0, 0, -1, -1);

		/** {@code named} with these departures. */
		ModelPreset applyTo(final ModelPreset named) {
			ModelPreset p = named;
			if (elastic >= 0) p = p.withAugmentation(p.augmentation().withElastic(
				elastic));
			if (inputSections >= 0) p = p.withUnet(p.unet().withInputSections(
				inputSections));
			return p;
		}
	}

	/**
	 * The evaluation of a trained model. Each variant is scored beside the
	 * plain one-pass prediction, with the same model and threshold: a paired
	 * comparison.
	 *
	 * @param slices test slices predicted (evenly spread; 0 = all)
	 * @param flips also evaluate with test-time flips ({@link FlipAveraged})
	 * @param sections also evaluate with each slice averaged over each of
	 *          these numbers of neighbouring sections on each side
	 *          ({@link SectionAveraging}; empty = not)
	 * @param maxThreshold also score every evaluation at the threshold the
	 *          held-out calibration chooses up to this value
	 *          ({@link Calibration#best(double)}; 0 = not)
	 * @param ownThreshold also score every evaluation at the threshold
	 *          calibrated on the held-out patches predicted the same way (flips,
	 *          section averaging: {@link HeldOut}) instead of in one pass
	 * @param asPredict also score the prediction {@code predict} makes without
	 *          options: test-time flips and the section radius
	 *          {@link Predictions#defaultSections(Volume)} chooses for the test
	 *          stack
	 */
	public record TestTime(int slices, boolean flips, List<Integer> sections,
		double maxThreshold, boolean ownThreshold, boolean asPredict)
	{

		/** No variant: the one-pass prediction only. */
		public static final TestTime ONE_PASS = new TestTime(0, false, List.of(),
			0, false, false);

		public TestTime {
			sections = List.copyOf(sections);
			for (final int n : sections)
				if (n < 1) throw new UserException("section radius " + n +
					" is not positive", "use e.g. --sections 1 or --sections 1,2");
			if (maxThreshold != 0 && !(maxThreshold >= 0.5 && maxThreshold <= 0.95))
				throw new UserException("maximum threshold " + maxThreshold +
					" is outside 0.5..0.95", "use e.g. 0.9, or 0 to not score it");
		}
	}

	private final Settings settings;
	private final PrintStream out;

	public ModelBench(final Settings settings, final PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	public static void main(final String... args) {
		new ModelBench(Settings.defaults().withData(args.length > 0 ? Path.of(
			args[0]) : null), System.out).run(Progress.NONE);
	}

	public void run(final Progress progress) {
		final TfRuntime rt = TfRuntime.get();
		out.printf("TensorFlow %s on %s, %d intra-op threads, load average %.1f; %s%n",
			rt.version(), rt.device(), rt.intraOpThreads(), java.lang.management.ManagementFactory
					.getOperatingSystemMXBean().getSystemLoadAverage(), Machine.current()
						.describe());
		final ModelPreset named = ModelPreset.named(settings.preset(), 64);
		final ModelPreset preset = settings.training().applyTo(named);
		out.printf("preset %s: %s (input planes %d), augmentation %s, context margin %d, budget %s%n",
			preset.name(), preset.unet(), preset.unet().channels(), preset
				.augmentation(), preset
				.contextMargin(), preset.budget());
		if (settings.data() == null) {
			try (TaskModel m = new TaskModel(preset.unet(), preset.augmentation())) {
				out.printf("U-Net: %d parameters, training windows %dx%d%n", m
					.parameterCount(), preset.windowSize(), preset.windowSize());
				throughput(m, preset, progress);
			}
			return;
		}
		try (Data d = Data.open(settings.data(), settings.dataset(),
			settings.validation())) {
			if (settings.retrain() > 0) retrain(d, preset, progress);
			else learning(d, preset, progress);
		}
	}

	private void throughput(final TaskModel m, final ModelPreset preset,
		final Progress progress)
	{
		final int s = m.config().patchSize(), px = s * s, c = m.channels();
		final Random r = new Random(1);
		final TrainingSet t = syntheticSet(s, c, r);
		final TrainingSet windows = syntheticSet(preset.windowSize(), c, r);
		progress.status("Benchmarking training");
		m.trainSteps(windows, 3, Progress.NONE); // warm-up
		long steps = 0;
		final long t0 = System.nanoTime();
		while (System.nanoTime() - t0 < settings.seconds() * 1e9) {
			progress.checkCancelled();
			m.trainSteps(windows, 1, Progress.NONE);
			steps++;
		}
		final double trainSec = (System.nanoTime() - t0) / 1e9;
		out.printf(
			"training:  %.1f labelled patches/s = %.2f steps/s (batch %d windows of %dx%d, %d steps in %.1f s)%n",
			steps * m.config().batchSize() / trainSec, steps / trainSec, m.config()
				.batchSize(), preset.windowSize(), preset.windowSize(), steps, trainSec);
		final int sw = 1024, sh = 768;
		final float[] slice = new float[c * sw * sh], prob = new float[sw * sh];
		for (int i = 0; i < slice.length; i++)
			slice[i] = t.image(i % t.count())[i % (c * px)];
		final TiledPredictor tiles = TiledPredictor.of(m);
		final double perSlice = timePerCall(() -> tiles.predictSlice(slice, sw, sh,
			prob), progress, 2);
		out.printf(
			"inference: %.1f patches/s of output (%dx%d slice in tiles of %d, overlap %d: %.2f s per slice)%n",
			(sw * sh / (double) px) / perSlice, sw, sh, tiles.tile(), tiles.overlap(),
			perSlice);

		progress.status("Benchmarking inference");
		final int n = 64;
		final float[] batch = new float[n * c * px];
		for (int i = 0; i < batch.length; i++)
			batch[i] = t.image((i / (c * px)) % t.count())[i % (c * px)];
		m.predict(batch, n, prob); // warm-up (prob is larger than n * px)
		if (c == 1) glue(m, batch, n, prob, progress);
		else out.printf(
			"inference: %.1f patches/s (batch %d of %dx%d x %d sections, TaskModel.predict, no context)%n",
			n / timePerCall(() -> m.predict(batch, n, prob), progress, 1), n, s, s,
			c);
		final double score = timePerCall(() -> m.score(batch, n, 8), progress, 3);
		out.printf("scoring:   %.1f patches/s (entropy, margin, embedding + BALD T=8)%n",
			n / score);
	}

	/** Throughput of {@code TaskModel.predict} and its Java glue over a bare run. */
	private void glue(final TaskModel m, final float[] batch, final int n,
		final float[] prob, final Progress progress)
	{
		final int s = m.config().patchSize(), px = s * s;
		// NB: interleaved rounds, best of each, so load from other processes
		// hits both paths alike.
		double ours = Double.MAX_VALUE, bare = Double.MAX_VALUE;
		try (TFloat32 in = Tensors.batch(batch, n, s, s)) {
			for (int round = 0; round < 5; round++) {
				ours = Math.min(ours, timePerCall(() -> m.predict(batch, n, prob),
					progress, 5));
				bare = Math.min(bare, timePerCall(() -> BareForward.run(m, in),
					progress, 5));
			}
		}
		// The glue alone: the array -> tensor and tensor -> array copies that
		// TaskModel.predict adds to a session run.
		final double copies;
		try (TFloat32 in = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(n, s,
			s, 1)))
		{
			copies = timePerCall(() -> {
				in.asRawTensor().data().asFloats().write(batch, 0, n * px);
				in.asRawTensor().data().asFloats().read(prob, 0, n * px);
			}, progress, 10);
		}
		out.printf("inference: %.1f patches/s (batch %d of %dx%d, TaskModel.predict, no context)%n", n /
			ours, n, s, s);
		out.printf(
			"glue:      array<->tensor copies alone %.3f ms per batch = %.2f %% of a bare run%n",
			copies * 1e3, 100 * copies / bare);
		out.printf(
			"glue:      TaskModel.predict %.2f ms vs bare session run %.2f ms per batch (best of 5 interleaved rounds): %+.1f %%%n",
			ours * 1e3, bare * 1e3, 100 * (ours - bare) / bare);
	}

	/**
	 * Mean seconds per call, over at least {@code settings.seconds() / parts}
	 * and 3 calls.
	 */
	private double timePerCall(final Runnable call, final Progress progress,
		final int parts)
	{
		long calls = 0;
		final long t0 = System.nanoTime();
		while (System.nanoTime() - t0 < settings.seconds() / parts * 1e9 ||
			calls < 3)
		{
			progress.checkCancelled();
			call.run();
			calls++;
		}
		return (System.nanoTime() - t0) / 1e9 / calls;
	}

	private static TrainingSet syntheticSet(final int s, final int c,
		final Random r)
	{
		final TrainingSet t = new TrainingSet(s, c);
		for (int i = 0; i < 32; i++) {
			final float[] img = new float[c * s * s];
			final byte[] mask = new byte[s * s];
			for (int j = 0; j < img.length; j++) {
				if (j < mask.length) mask[j] = (byte) (r.nextFloat() < 0.07f ? 1 : 0);
				img[j] = (float) (mask[j % mask.length] == 1 ? 0.3 : 0.7) + 0.1f *
					(float) r.nextGaussian();
			}
			t.add(img, mask);
		}
		return t;
	}

	// -- Learning checks on real data --

	/** The pool (training part) and test part of a data set. */
	private record Data(Volume train, LabelImage trainLabels, Volume test,
		LabelImage testLabels, int foreground, List<AutoCloseable> open)
		implements AutoCloseable
	{

		/**
		 * The data set's pool and test parts; {@code validation}: the pool is
		 * the first 60 % of the training slices and the "test" part the last
		 * 30 % (a gap of 10 % between them), so settings are chosen without the
		 * test set.
		 */
		static Data open(final Path dir, final Dataset kind,
			final boolean validation)
		{
			final Data d = open(dir, kind);
			if (!validation) return d;
			final int n = d.train().depth();
			final SliceRange pool = new SliceRange(0, n * 6 / 10 - 1), val =
				new SliceRange(n * 7 / 10, n - 1);
			return new Data(Slabs.of(d.train(), pool), Slabs.of(d.trainLabels(), pool),
				Slabs.of(d.train(), val), Slabs.of(d.trainLabels(), val), d
					.foreground(), d.open());
		}

		static Data open(final Path dir, final Dataset kind) {
			final List<AutoCloseable> open = new ArrayList<>();
			if (kind == Dataset.LUCCHI) {
				final Volume tr = opened(open, Volumes.open(dir.resolve(
					"train-images.tif").toString()));
				final Volume te = opened(open, Volumes.open(dir.resolve(
					"test-images.tif").toString()));
				return new Data(tr, opened(open, LabelImages.open(dir.resolve(
					"train-labels.tif").toString(), tr)), te, opened(open, LabelImages
						.open(dir.resolve("test-labels.tif").toString(), te)), 255, open);
			}
			// NB: one stack, one normalisation; slices 0-19 pool, 20-29 test
			final Volume v = opened(open, Volumes.open(dir.resolve("train-volume.tif")
				.toString()));
			final LabelImage l = opened(open, LabelImages.open(dir.resolve(
				"train-labels.tif").toString(), v));
			final SliceRange pool = new SliceRange(0, 19), test = new SliceRange(20,
				29);
			return new Data(Slabs.of(v, pool), Slabs.of(l, pool), Slabs.of(v, test),
				Slabs.of(l, test), 0, open);
		}

		private static <T extends AutoCloseable> T opened(
			final List<AutoCloseable> open, final T c)
		{
			open.add(c);
			return c;
		}

		PatchGrid grid() {
			return new PatchGrid(train.depth(), train.height(), train.width(), 64, 64);
		}

		/** Oracle masks of {@code n} random pool patches (0 = all). */
		Map<Integer, byte[]> masks(final PatchGrid grid, final int n,
			final long seed)
		{
			final List<Integer> ids = new ArrayList<>();
			for (int i = 0; i < grid.size(); i++)
				ids.add(i);
			Collections.shuffle(ids, new Random(seed));
			final Map<Integer, byte[]> masks = new LinkedHashMap<>();
			for (final int id : ids.subList(0, n <= 0 ? ids.size() : Math.min(n, ids
				.size())))
			{
				final byte[] raw = trainLabels.readPatch(grid.get(id), null);
				final byte[] m = new byte[raw.length];
				for (int j = 0; j < m.length; j++)
					m[j] = (raw[j] & 0xff) == foreground ? TrainingSet.FOREGROUND
						: TrainingSet.BACKGROUND;
				masks.put(id, m);
			}
			return masks;
		}

		@Override
		public void close() {
			for (final AutoCloseable c : open) {
				try {
					c.close();
				}
				catch (final Exception e) {
					// NB: read-only files; nothing to recover
				}
			}
		}
	}

	private void learning(final Data d, final ModelPreset preset,
		final Progress progress)
	{
		final PatchGrid grid = d.grid();
		final List<Double> fg = new ArrayList<>();
		for (final long seed : settings.seeds()) {
			final long t0 = System.nanoTime();
			final Map<Integer, byte[]> masks = d.masks(grid, settings.patches(), seed);
			final ModelPreset p = preset.withSeed(seed);
			try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
				final TaskStage.Fit fit = TaskStage.fit(m, p, d.train(), grid, masks,
					new TaskStage.FitOptions(settings.training().steps(), false, settings.training()
						.averaging()), progress);
				final double trainSec = (System.nanoTime() - t0) / 1e9;
				final long t1 = System.nanoTime();
				final TestTime tt = settings.testTime();
				final float[] thresholds = thresholds(m, fit, m, 0);
				final Evaluation.Scores[] s = Evaluation.evaluate(m, d.test(), d
					.testLabels(), d.foreground(), tt.slices(), thresholds, progress);
				final double predSec = (System.nanoTime() - t1) / 1e9;
				fg.add(s[0].iou());
				out.printf(Locale.ROOT,
					"%s %s seed %d: %d patches (%d with foreground; %d trained, %d held out), %d steps (mean of %d snapshots) in %.0f s, loss %.4f, threshold %.2f | test foreground IoU %.3f, mean IoU %.3f, Dice %.3f | at 0.5: foreground IoU %.3f, mean IoU %.3f | %d test slices in %.0f s%n",
					settings.dataset().name().toLowerCase(Locale.ROOT), p.name(), seed,
					masks.size(), withForeground(masks), fit.trainPatches(), fit
						.heldOutPatches(), fit.steps(),
					Math.max(1, settings.training().averaging()), trainSec, fit.loss(), fit.threshold(), s[0].iou(), s[0].meanIou(), s[0]
						.dice(), s[1].iou(), s[1].meanIou(), Evaluation.slices(d.test()
							.depth(), tt.slices()).length, predSec);
				recalibrated(thresholds, s, "");
				if (tt.flips()) variant(d, new FlipAveraged(m), 0, thresholds(m, fit,
					new FlipAveraged(m), 0), s[0], "with test-time flips", progress);
				for (final int n : tt.sections())
					variant(d, m, n, thresholds(m, fit, m, n), s[0], "averaged over +-" +
						n + " sections", progress);
				if (tt.flips()) for (final int n : tt.sections())
					variant(d, new FlipAveraged(m), n, thresholds(m, fit,
						new FlipAveraged(m), n), s[0], "with flips and averaged over +-" +
							n + " sections", progress);
				if (tt.asPredict()) asPredict(d, m, fit, s[0], progress);
			}
		}
		if (fg.size() > 1) out.printf(Locale.ROOT,
			"foreground IoU over %d seeds: min %.3f, mean %.3f, max %.3f%n", fg.size(),
			fg.stream().mapToDouble(Double::doubleValue).min().orElse(0), fg.stream()
				.mapToDouble(Double::doubleValue).average().orElse(0), fg.stream()
					.mapToDouble(Double::doubleValue).max().orElse(0));
	}

	/**
	 * The thresholds an evaluation by {@code predictor} (averaged over
	 * {@code sections}) is scored at: the model's, 0.5, then, if asked, the
	 * one calibrated over the wider range and the one calibrated on the
	 * held-out patches predicted the same way (0.5 when not asked; not printed).
	 */
	private float[] thresholds(final TaskModel m, final TaskStage.Fit fit,
		final PixelPredictor predictor, final int sections)
	{
		final TestTime tt = settings.testTime();
		final float wider = tt.maxThreshold() > 0 ? fit.calibration().map(c -> c
			.best(tt.maxThreshold())).orElse(0.5f) : Float.NaN;
		final float own = tt.ownThreshold() ? fit.heldOut().map(h -> h.calibrate(
			predictor, sections).best()).orElse(0.5f) : Float.NaN;
		return new float[] { m.threshold(), 0.5f, Float.isNaN(wider) ? 0.5f
			: wider, Float.isNaN(own) ? 0.5f : own };
	}

	/**
	 * Scores the prediction {@code predict} makes without options (flips, the
	 * default section radius for the test stack, the model's threshold).
	 */
	private void asPredict(final Data d, final TaskModel m,
		final TaskStage.Fit fit, final Evaluation.Scores onePass,
		final Progress progress)
	{
		final Predictions.Sections sections = Predictions.defaultSections(d
			.test());
		final PixelPredictor predictor = Predictions.predictor(m, true);
		final String what = sections.describe();
		variant(d, predictor, sections.radius(), thresholds(m, fit, predictor,
			sections.radius()), onePass, "as 'predict' without options (flips; " +
				what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1) + ")",
			progress);
	}

	/** How many of the labelled patches hold at least one foreground pixel. */
	private static int withForeground(final Map<Integer, byte[]> masks) {
		int n = 0;
		for (final byte[] m : masks.values())
			for (final byte b : m)
				if (b == TrainingSet.FOREGROUND) {
					n++;
					break;
				}
		return n;
	}

	/** Scores one test-time variant and prints it beside the one-pass figure. */
	private void variant(final Data d, final PixelPredictor predictor,
		final int sections, final float[] thresholds,
		final Evaluation.Scores onePass, final String what, final Progress progress)
	{
		final long t0 = System.nanoTime();
		final Evaluation.Scores[] f = Evaluation.evaluate(predictor, d.test(), d
			.testLabels(), d.foreground(), settings.testTime().slices(), thresholds,
			sections, progress);
		out.printf(Locale.ROOT,
			"  %s (same model, threshold %.2f): foreground IoU %.3f (%+.3f), mean IoU %.3f, Dice %.3f | at 0.5: foreground IoU %.3f | %.0f s%n",
			what, thresholds[0], f[0].iou(), f[0].iou() - onePass.iou(), f[0]
				.meanIou(), f[0].dice(), f[1].iou(), (System.nanoTime() - t0) / 1e9);
		recalibrated(thresholds, f, "  ");
	}

	/** The scores at the recalibrated thresholds that were asked for. */
	private void recalibrated(final float[] thresholds,
		final Evaluation.Scores[] s, final String indent)
	{
		final TestTime tt = settings.testTime();
		if (tt.maxThreshold() > 0) out.printf(Locale.ROOT,
			"%s  calibrated up to %.2f: threshold %.2f, foreground IoU %.3f (%+.3f), mean IoU %.3f%n",
			indent, tt.maxThreshold(), thresholds[2], s[2].iou(), s[2].iou() - s[0]
				.iou(), s[2].meanIou());
		if (tt.ownThreshold()) out.printf(Locale.ROOT,
			"%s  calibrated on this prediction of the held-out patches: threshold %.2f, foreground IoU %.3f (%+.3f), mean IoU %.3f%n",
			indent, thresholds[3], s[3].iou(), s[3].iou() - s[0].iou(), s[3]
				.meanIou());
	}

	/**
	 * A retrain round as in the loop: a fresh model on 90 % of the patches
	 * (the previous round), then the timed fine-tune after the rest is added.
	 */
	private void retrain(final Data d, final ModelPreset preset,
		final Progress progress)
	{
		final PatchGrid grid = d.grid();
		final long seed = settings.seeds().get(0);
		final Map<Integer, byte[]> all = d.masks(grid, settings.retrain(), seed);
		final Map<Integer, byte[]> before = new LinkedHashMap<>();
		for (final Map.Entry<Integer, byte[]> e : all.entrySet())
			if (before.size() < all.size() * 9 / 10) before.put(e.getKey(), e
				.getValue());
		final ModelPreset p = preset.withSeed(seed);
		try (TaskModel m = new TaskModel(p.unet(), p.augmentation())) {
			final long t0 = System.nanoTime();
			// NB: --train-steps shortens the untimed first model only; the timed
			// round always runs the preset's fine-tuning budget, as the loop does
			final TaskStage.Fit first = TaskStage.fit(m, p, d.train(), grid, before,
				settings.training().steps(), false, progress);
			final double freshSec = (System.nanoTime() - t0) / 1e9;
			final long t1 = System.nanoTime();
			final TaskStage.Fit round = TaskStage.fit(m, p, d.train(), grid, all, 0,
				true, progress);
			final double roundSec = (System.nanoTime() - t1) / 1e9;
			out.printf(Locale.ROOT,
				"retrain %s: fresh model on %d patches: %d steps in %.1f s; retrain round on %d patches (fine-tune): %d steps in %.1f s (%.1f labelled patches/s incl. reading windows and calibration)%n",
				p.name(), before.size(), first.steps(), freshSec, all.size(), round
					.steps(), roundSec, round.steps() * p.unet().batchSize() / roundSec);
		}
	}
}
