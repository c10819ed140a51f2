package io.github.twostream.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

import org.tensorflow.types.TFloat32;

import io.github.twostream.model.BareForward;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.model.TrainingSet;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.model.tf.Tensors;
import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * Benchmark of the task model (not a test): training and inference
 * throughput of the reference U-Net, the overhead of {@link TaskModel}'s
 * Java glue over a bare session run, and optionally a learning check on the
 * Lucchi EM data set (train on random labelled patches, foreground IoU on the
 * test volume predicted with {@link TiledPredictor}).
 * <p>
 * Run with {@code ./twostream bench-model} or as a main class.
 * </p>
 */
public final class ModelBench {

	/**
	 * @param seconds minimum timed duration of each throughput figure
	 * @param lucchi folder with train/test-images/labels.tif, or null to skip
	 * @param patches labelled training patches drawn from the Lucchi train
	 *          volume
	 * @param trainSteps training steps for the Lucchi check
	 * @param testSlices test slices predicted (evenly spread; 0 = all)
	 */
	public record Settings(double seconds, Path lucchi, int patches,
		int trainSteps, int testSlices)
	{

		public static Settings defaults() {
			return new Settings(10, null, 200, 400, 0);
		}
	}

	private final Settings settings;
	private final PrintStream out;

	public ModelBench(final Settings settings, final PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	public static void main(final String... args) {
		final Settings s = Settings.defaults();
		new ModelBench(new Settings(s.seconds(), args.length > 0 ? Path.of(args[0])
			: null, s.patches(), s.trainSteps(), s.testSlices()), System.out).run(
				Progress.NONE);
	}

	public void run(final Progress progress) {
		final TfRuntime rt = TfRuntime.get();
		out.printf("TensorFlow %s on %s, %d intra-op threads, %d cores%n", rt
			.version(), rt.device(), rt.intraOpThreads(), Runtime.getRuntime()
				.availableProcessors());
		final UNetConfig c = UNetConfig.reference();
		try (TaskModel m = new TaskModel(c)) {
			out.printf("reference U-Net: %d parameters, input %dx%d%n", m
				.parameterCount(), c.patchSize(), c.patchSize());
			throughput(m, progress);
		}
		if (settings.lucchi() != null) lucchi(progress);
	}

	private void throughput(final TaskModel m, final Progress progress) {
		final int s = m.config().patchSize(), px = s * s;
		final Random r = new Random(1);
		final TrainingSet t = new TrainingSet(s);
		for (int i = 0; i < 32; i++) {
			final float[] img = new float[px];
			final byte[] mask = new byte[px];
			for (int j = 0; j < px; j++) {
				mask[j] = (byte) (r.nextFloat() < 0.07f ? 1 : 0);
				img[j] = (float) (mask[j] == 1 ? 0.3 : 0.7) + 0.1f * (float) r
					.nextGaussian();
			}
			t.add(img, mask);
		}
		progress.status("Benchmarking training");
		m.trainSteps(t, 3, Progress.NONE); // warm-up
		long steps = 0;
		final long t0 = System.nanoTime();
		while (System.nanoTime() - t0 < settings.seconds() * 1e9) {
			progress.checkCancelled();
			m.trainSteps(t, 1, Progress.NONE);
			steps++;
		}
		final double trainSec = (System.nanoTime() - t0) / 1e9;
		out.printf("training:  %.1f patches/s (batch %d, %d steps in %.1f s)%n",
			steps * m.config().batchSize() / trainSec, m.config().batchSize(), steps,
			trainSec);

		progress.status("Benchmarking inference");
		final int n = 64;
		final float[] batch = new float[n * px], prob = new float[n * px];
		for (int i = 0; i < batch.length; i++)
			batch[i] = t.image((i / px) % t.count())[i % px];
		m.predict(batch, n, prob); // warm-up
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
		out.printf("inference: %.1f patches/s (batch %d, TaskModel.predict)%n", n /
			ours, n);
		out.printf(
			"glue:      array<->tensor copies alone %.3f ms per batch = %.2f %% of a bare run%n",
			copies * 1e3, 100 * copies / bare);
		out.printf(
			"glue:      TaskModel.predict %.2f ms vs bare session run %.2f ms per batch (best of 5 interleaved rounds): %+.1f %%%n",
			ours * 1e3, bare * 1e3, 100 * (ours - bare) / bare);
		final double score = timePerCall(() -> m.score(batch, n, 8), progress, 3);
		out.printf("scoring:   %.1f patches/s (entropy, margin, embedding + BALD T=8)%n",
			n / score);
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

	// -- Learning check on Lucchi --

	private void lucchi(final Progress progress) {
		final Path dir = settings.lucchi();
		final long t0 = System.nanoTime();
		// NB: the project's own volume layer: lazy slices, percentile normalisation
		try (Volume trainImg = Volumes.open(dir.resolve("train-images.tif")
			.toString());
				LabelImage trainLab = LabelImages.open(dir.resolve("train-labels.tif")
					.toString(), trainImg);
				Volume testImg = Volumes.open(dir.resolve("test-images.tif").toString());
				LabelImage testLab = LabelImages.open(dir.resolve("test-labels.tif")
					.toString(), testImg))
		{
			lucchi(trainImg, trainLab, testImg, testLab, t0, progress);
		}
	}

	private void lucchi(final Volume trainImg, final LabelImage trainLab,
		final Volume testImg, final LabelImage testLab, final long t0,
		final Progress progress)
	{
		final UNetConfig c = UNetConfig.reference();
		final int s = c.patchSize();
		final Random r = new Random(c.seed());
		final TrainingSet t = new TrainingSet(s);
		byte[] raw = null;
		for (int i = 0; i < settings.patches(); i++) {
			final Patch p = new Patch(i, r.nextInt(trainImg.depth()), r.nextInt(
				trainImg.height() - s + 1), r.nextInt(trainImg.width() - s + 1), s, s);
			final float[] img = trainImg.readPatch(p, null);
			raw = trainLab.readPatch(p, raw);
			final byte[] mask = new byte[s * s];
			for (int j = 0; j < mask.length; j++)
				mask[j] = (byte) ((raw[j] & 0xff) > 127 ? 1 : 0);
			t.add(img, mask);
		}
		out.printf("lucchi: %d patches of %dx%d, %.1f %% foreground, loaded in %.1f s%n",
			t.count(), s, s, 100.0 * t.foregroundPixels() / (t.foregroundPixels() + t
				.backgroundPixels()), (System.nanoTime() - t0) / 1e9);
		try (TaskModel m = new TaskModel(c)) {
			final long t1 = System.nanoTime();
			final float loss = m.trainSteps(t, settings.trainSteps(), progress);
			final double trainSec = (System.nanoTime() - t1) / 1e9;
			out.printf("lucchi: trained %d steps (batch %d) in %.1f s, final loss %.4f%n",
				settings.trainSteps(), c.batchSize(), trainSec, loss);
			final int depth = testImg.depth();
			final int count = settings.testSlices() <= 0 ? depth : Math.min(depth,
				settings.testSlices());
			final int[] zs = new int[count];
			for (int i = 0; i < count; i++)
				zs[i] = (int) ((long) i * depth / count);
			final long[] counts = new long[2]; // intersection, union
			final TiledPredictor tp = TiledPredictor.of(m);
			final long t2 = System.nanoTime();
			final long[] tilingNanos = { 0 };
			final int w = testImg.width(), h = testImg.height();
			tp.predictVolume(w, h, count, i -> {
				final float[] sl = testImg.readSlice(zs[i], null);
				tilingNanos[0] -= System.nanoTime();
				return sl;
			}, (i, prob) -> {
				tilingNanos[0] += System.nanoTime();
				final byte[] lab = testLab.readSlice(zs[i], null);
				for (int j = 0; j < prob.length; j++) {
					final boolean p = prob[j] > 0.5f, g = (lab[j] & 0xff) > 127;
					if (p && g) counts[0]++;
					if (p || g) counts[1]++;
				}
			}, progress);
			final double predSec = (System.nanoTime() - t2) / 1e9;
			out.printf(
				"lucchi: foreground IoU %.3f on %d test slices (%dx%d), predicted in %.1f s (tiled prediction %.1f s = %.2f Mpx/s, tile %d overlap %d), total %.1f s%n",
				counts[1] == 0 ? 1.0 : counts[0] / (double) counts[1], count, w, h,
				predSec, tilingNanos[0] / 1e9, (double) count * w * h / (tilingNanos[0] /
					1e9) / 1e6, tp.tile(), tp.overlap(), (System.nanoTime() - t0) / 1e9);
		}
	}
}
