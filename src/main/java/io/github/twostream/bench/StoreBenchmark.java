package io.github.twostream.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.github.twostream.store.GridSpec;
import io.github.twostream.store.ImageRef;
import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Masks;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;
import io.github.twostream.util.Progress;

/**
 * Prints the store's speed figures on a synthetic project: label write/read
 * latency (each write a durable, fsynced transaction), batch writes, undo,
 * patch statuses and embedding storage.
 * <p>
 * Usage: {@code StoreBenchmark [FOLDER]} (default: a temporary folder, deleted
 * afterwards). A CLI {@code bench} subcommand can call {@link #run}.
 * </p>
 */
public final class StoreBenchmark {

	private StoreBenchmark() {}

	public static void main(final String... args) throws IOException {
		final Path dir = args.length > 0 ? Path.of(args[0]) : Files
			.createTempDirectory("twostream-store-bench");
		try {
			run(dir.resolve("project"), System.out);
		}
		finally {
			if (args.length == 0) try (Stream<Path> s = Files.walk(dir)) {
				for (final Path p : (Iterable<Path>) s.sorted((a, b) -> b.compareTo(a))::iterator)
					Files.deleteIfExists(p);
			}
		}
	}

	/** Runs the benchmark in a new project folder and prints the figures. */
	public static void run(final Path projectDir, final PrintStream out)
		throws IOException
	{
		final int size = 128, n = 200, dim = 128;
		final ImageRef image = new ImageRef("synthetic", "fp", 2048, 2048, 100, 8);
		final Random rnd = new Random(1);
		long t = System.nanoTime();
		try (Project p = Project.create(projectDir, image, new GridSpec(size,
			size)))
		{
			out.printf("create project (%d patches): %.1f ms%n", p.grid().size(), ms(t));
			final byte[][] masks = new byte[n][];
			for (int i = 0; i < n; i++)
				masks[i] = blobMask(rnd, size, i % 2 == 1);
			final double[] put = new double[n], get = new double[n];
			for (int i = 0; i < n; i++) {
				t = System.nanoTime();
				p.labels().put(i * 7, i % 2 == 1 ? LabelKind.SCRIBBLE : LabelKind.DENSE,
					masks[i]);
				put[i] = ms(t);
			}
			for (int i = 0; i < n; i++) {
				t = System.nanoTime();
				p.labels().get(i * 7).orElseThrow();
				get[i] = ms(t);
			}
			out.printf("label put %dx%d (fsynced): median %.2f ms, p95 %.2f ms%n",
				size, size, pct(put, 50), pct(put, 95));
			out.printf("label get %dx%d: median %.3f ms, p95 %.3f ms%n", size, size,
				pct(get, 50), pct(get, 95));
			final List<PatchLabel> batch = new ArrayList<>();
			for (int i = 0; i < 100; i++)
				batch.add(new PatchLabel(5000 + i, LabelKind.DENSE, masks[2 * (i % 100)],
					null));
			t = System.nanoTime();
			p.labels().putAll(batch);
			out.printf("putAll 100 labels (one transaction): %.1f ms%n", ms(t));
			t = System.nanoTime();
			p.labels().undo();
			out.printf("undo of that batch: %.1f ms%n", ms(t));
			t = System.nanoTime();
			final int statuses = p.patchStatuses().size();
			out.printf("patchStatuses (%d patches): %.1f ms%n", statuses, ms(t));
			final float[][] v = new float[p.grid().size()][dim];
			for (final float[] row : v)
				for (int j = 0; j < dim; j++)
					row[j] = (float) rnd.nextGaussian();
			final long enc = p.models().add(ModelVersion.of(ModelKind.ENCODER, "{}",
				"models/enc/ckpt", 0, 0, "cpu", null)).id();
			t = System.nanoTime();
			p.embeddings().put(enc, v, Progress.NONE);
			out.printf("embeddings put %d x %d: %.0f ms%n", v.length, dim, ms(t));
			t = System.nanoTime();
			final float[][] back = p.embeddings().load(enc);
			out.printf("embeddings load %d x %d: %.0f ms (equal: %b)%n", back.length,
				dim, ms(t), Arrays.deepEquals(v, back));
		}
		out.printf("project.db size: %.1f MB%n", Files.size(projectDir.resolve(
			Project.DATABASE)) / 1e6);
	}

	/** A label-like mask: a few filled discs (scribble: the rest ignored). */
	private static byte[] blobMask(final Random rnd, final int size,
		final boolean scribble)
	{
		final byte[] m = new byte[size * size];
		Arrays.fill(m, scribble ? Masks.IGNORE : Masks.BACKGROUND);
		for (int k = 0; k < 5; k++) {
			final int cx = rnd.nextInt(size), cy = rnd.nextInt(size), r = 5 + rnd
				.nextInt(20);
			for (int y = Math.max(0, cy - r); y < Math.min(size, cy + r); y++)
				for (int x = Math.max(0, cx - r); x < Math.min(size, cx + r); x++)
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) m[y * size + x] =
						k % 2 == 0 ? Masks.FOREGROUND : Masks.BACKGROUND;
		}
		return m;
	}

	private static double ms(final long start) {
		return (System.nanoTime() - start) / 1e6;
	}

	private static double pct(final double[] values, final int p) {
		final double[] s = values.clone();
		Arrays.sort(s);
		return s[Math.min(s.length - 1, s.length * p / 100)];
	}
}
