package io.github.twostream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.twostream.structure.ContrastiveEncoder;
import io.github.twostream.structure.EmbeddingQuality;
import io.github.twostream.structure.EncoderCacheKey;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.structure.ExactNeighbors;
import io.github.twostream.structure.ForegroundBins;
import io.github.twostream.structure.HnswNeighbors;
import io.github.twostream.structure.NeighborLists;
import io.github.twostream.structure.Neighbors;
import io.github.twostream.structure.NoveltyTracker;
import io.github.twostream.structure.PatchSource;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.Progress;

/**
 * Benchmark of stream B (not a test): kNN typicality and novelty on 100,000
 * synthetic 64-D vectors, and encoder speed and embedding quality on the
 * Lucchi EM training volume.
 * <p>
 * Usage: {@code StructureBench [knn] [novelty] [lucchi] [dir=/work/shared/data/lucchi]
 * [epochs=1] [samples=0] [n=100000] [hnsw=M,efConstruction,ef] [noexact] [temp=0.2] [input=48]}; without a part name all parts run.
 * {@code samples} limits the patches per training epoch (0 = all), the time
 * per full epoch is then extrapolated.
 * </p>
 */
public final class StructureBench {

	private StructureBench() {}

	public static void main(final String[] args) throws Exception {
		final Set<String> parts = new HashSet<>();
		boolean exactToo = true;
		Path dir = Path.of("/work/shared/data/lucchi");
		int epochs = 1, samples = 0, n = 100_000;
		double temperature = 0.2;
		int input = 48;
		HnswNeighbors.Params hnsw = HnswNeighbors.Params.defaults();
		for (final String a : args) {
			if (a.startsWith("dir=")) dir = Path.of(a.substring(4));
			else if (a.startsWith("epochs=")) epochs = Integer.parseInt(a.substring(
				7));
			else if (a.startsWith("samples=")) samples = Integer.parseInt(a
				.substring(8));
			else if (a.startsWith("input=")) input = Integer.parseInt(a.substring(6));
			else if (a.startsWith("temp=")) temperature = Double.parseDouble(a
				.substring(5));
			else if (a.startsWith("n=")) n = Integer.parseInt(a.substring(2));
			else if (a.startsWith("hnsw=")) { // m,efConstruction,ef
				final String[] p = a.substring(5).split(",");
				hnsw = new HnswNeighbors.Params(Integer.parseInt(p[0]), Integer
					.parseInt(p[1]), Integer.parseInt(p[2]));
			}
			else if (a.equals("noexact")) exactToo = false;
			else parts.add(a);
		}
		final boolean all = parts.isEmpty();
		System.out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime()
			.availableProcessors());
		if (all || parts.contains("knn")) knn(n, hnsw, exactToo);
		if (all || parts.contains("novelty")) novelty(n);
		if (all || parts.contains("lucchi")) lucchi(dir, epochs, samples, temperature, input);
	}

	/** CPU seconds used by this process so far (all threads). */
	private static double cpu() {
		final java.lang.management.OperatingSystemMXBean os =
			java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun
			.getProcessCpuTime() / 1e9 : Double.NaN;
	}

	private static String since(final long t0, final double c0) {
		return String.format(Locale.ROOT, "%.3f s wall, %.3f s CPU", (System
			.nanoTime() - t0) / 1e9, cpu() - c0);
	}

	private static void knn(final int n, final HnswNeighbors.Params hnsw,
		final boolean exactToo)
	{
		final float[][] v = ClusteredVectors.make(n, 64, 200, 0.4, true, 1);
		final int k = Typicality.DEFAULT_K;
		System.out.printf(Locale.ROOT, "%n[a] typicality, %d vectors, 64-D, K=%d%n",
			n, k);
		long t0 = System.nanoTime();
		final long t00 = t0;
		double c0 = cpu();
		final NeighborLists approx = new HnswNeighbors(hnsw, Neighbors
			.defaultThreads()).search(v, k, new Progress() {

				@Override
				public void status(final String message) {
					System.out.printf(Locale.ROOT, "  %s at %.1f s wall%n", message,
						(System.nanoTime() - t00) / 1e9);
				}

				@Override
				public void progress(final long done, final long total) {}
			});
		Typicality.of(approx);
		System.out.printf(Locale.ROOT, "HNSW %s build + %d queries + typicality: %s%n",
			hnsw, n, since(t0, c0));
		if (!exactToo) return;
		t0 = System.nanoTime();
		c0 = cpu();
		final NeighborLists exact = new ExactNeighbors().search(v, k,
			Progress.NONE);
		Typicality.of(exact);
		System.out.printf(Locale.ROOT, "exact (TF MatMul + TopK, %d threads): %s%n",
			io.github.twostream.model.tf.TfRuntime.get().intraOpThreads(), since(t0, c0));
		long agree = 0;
		for (int i = 0; i < n; i++) {
			final Set<Integer> truth = new HashSet<>();
			for (final int id : exact.ids()[i])
				truth.add(id);
			for (final int id : approx.ids()[i])
				if (truth.contains(id)) agree++;
		}
		System.out.printf(Locale.ROOT, "HNSW recall@%d vs exact: %.4f%n", k, agree /
			(double) ((long) n * k));
	}

	private static void novelty(final int n) {
		final float[][] v = ClusteredVectors.make(n, 64, 200, 0.4, true, 2);
		final NoveltyTracker t = new NoveltyTracker(v);
		final SplittableRandom r = new SplittableRandom(3);
		System.out.printf(Locale.ROOT, "%n[b] novelty update, %d vectors, 64-D%n",
			n);
		for (int round = 1; round <= 3; round++) {
			final int[] ids = r.ints(16, 0, n).toArray();
			final long t0 = System.nanoTime();
			final double c0 = cpu();
			t.addLabelled(ids);
			System.out.printf(Locale.ROOT, "batch %d of 16 labels: %s%n", round,
				since(t0, c0));
		}
	}

	/** Lucchi volume as 64 x 64 patches (stride 64) with foreground fractions. */
	private static final class LucchiPatches implements PatchSource {

		final byte[][] slices;
		final int w, h, per, cols;
		final float[] lut = new float[256];
		final double[] foreground;

		LucchiPatches(final ImagePlus img, final ImagePlus labels) {
			final ImageStack st = img.getStack();
			w = img.getWidth();
			h = img.getHeight();
			slices = new byte[st.getSize()][];
			final long[] hist = new long[256];
			for (int z = 0; z < slices.length; z++) {
				slices[z] = (byte[]) st.getPixels(z + 1);
				for (final byte b : slices[z])
					hist[b & 0xff]++;
			}
			final double lo = percentile(hist, 0.01), hi = percentile(hist, 0.998);
			for (int i = 0; i < 256; i++)
				lut[i] = (float) ((i - lo) / Math.max(1, hi - lo));
			cols = w / 64;
			per = cols * (h / 64);
			foreground = new double[count()];
			final ImageStack ls = labels.getStack();
			for (int i = 0; i < count(); i++) {
				final byte[] lab = (byte[]) ls.getPixels(i / per + 1);
				final int y0 = (i % per) / cols * 64, x0 = (i % per) % cols * 64;
				int fg = 0;
				for (int y = 0; y < 64; y++)
					for (int x = 0; x < 64; x++)
						if ((lab[(y0 + y) * w + x0 + x] & 0xff) == 255) fg++;
				foreground[i] = fg / 4096.0;
			}
		}

		private static double percentile(final long[] hist, final double q) {
			long total = 0;
			for (final long c : hist)
				total += c;
			long acc = 0;
			for (int i = 0; i < 256; i++) {
				acc += hist[i];
				if (acc >= q * total) return i;
			}
			return 255;
		}

		@Override
		public int count() {
			return slices.length * per;
		}

		@Override
		public int patchSize() {
			return 64;
		}

		@Override
		public void read(final int index, final float[] out) {
			final byte[] s = slices[index / per];
			final int y0 = (index % per) / cols * 64, x0 = (index % per) % cols * 64;
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++)
					out[y * 64 + x] = lut[s[(y0 + y) * w + x0 + x] & 0xff];
		}
	}

	private static void lucchi(final Path dir, final int epochs,
		final int samples, final double temperature, final int input)
		throws Exception
	{
		final Path images = dir.resolve("train-images.tif"), labels = dir.resolve(
			"train-labels.tif");
		if (!Files.exists(images) || !Files.exists(labels)) {
			System.out.println("\n[c, d] skipped: no Lucchi data in " + dir);
			return;
		}
		final LucchiPatches pool = new LucchiPatches(IJ.openImage(images
			.toString()), IJ.openImage(labels.toString()));
		final int n = pool.count();
		System.out.printf(Locale.ROOT, "%n[c] encoder on Lucchi train: %d patches " +
			"64x64 (stride 64)%n", n);
		final EncoderConfig config = new EncoderConfig(64, input, 64, 64, 16,
			temperature, 64, epochs, samples, 1e-3, 42);
		System.out.println("encoder settings: " + config.canonical());
		final ForegroundBins bins = ForegroundBins.defaults();
		try (ContrastiveEncoder enc = new ContrastiveEncoder(new EncoderCacheKey(
			"lucchi-train", config)))
		{
			long t0 = System.nanoTime();
			final float[][] untrained = enc.embed(pool, Progress.NONE);
			final double embedS = (System.nanoTime() - t0) / 1e9;
			System.out.printf(Locale.ROOT, "embed all %d patches: %.1f s%n", n,
				embedS);
			t0 = System.nanoTime();
			final double[] losses = enc.train(pool, Progress.NONE);
			final double trainS = (System.nanoTime() - t0) / 1e9;
			final int perEpoch = samples > 0 ? Math.min(samples, n) : n;
			System.out.printf(Locale.ROOT,
				"train %d epoch(s) x %d patches (batch 64, input %d): %.1f s; " +
					"-> %.1f s per full epoch of %d patches%s%n", epochs, perEpoch,
				input, trainS, trainS / epochs * n / perEpoch, n, perEpoch < n
					? " (extrapolated)" : "");
			System.out.printf(Locale.ROOT, "epoch losses: %s%n", java.util.Arrays
				.toString(losses));
			final float[][] emb = enc.embed(pool, Progress.NONE);
			t0 = System.nanoTime();
			final float[][] raw = EmbeddingQuality.rawPixelPca(pool, 64,
				Progress.NONE);
			System.out.printf(Locale.ROOT, "raw-pixel PCA-64 fit + project: %.1f s%n",
				(System.nanoTime() - t0) / 1e9);
			// NB: group = (y, x) position, so the same place in other slices
			// (nearly the same image) does not count as a neighbour
			final int[] groups = new int[n];
			for (int i = 0; i < n; i++)
				groups[i] = i % pool.per;
			for (final boolean grouped : new boolean[] { true, false }) {
				final int[] g = grouped ? groups : null;
				System.out.printf(Locale.ROOT,
					"%n[d] embedding quality on Lucchi train (K=10, bins <1%%, 1-20%%, " +
						">20%% mito), %s%n", grouped
							? "neighbours from other (y, x) positions only"
							: "any neighbour (same position in adjacent slices counts)");
				System.out.println("trained encoder:   " + EmbeddingQuality.measure(
					emb, pool.foreground, g, 10, bins, Progress.NONE));
				System.out.println("untrained encoder: " + EmbeddingQuality.measure(
					untrained, pool.foreground, g, 10, bins, Progress.NONE));
				System.out.println("raw-pixel PCA-64:  " + EmbeddingQuality.measure(
					raw, pool.foreground, g, 10, bins, Progress.NONE));
			}
		}
	}
}
