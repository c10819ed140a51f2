package io.github.twostream.bench;

import java.util.Random;

import io.github.twostream.acquisition.AcquisitionContext;
import io.github.twostream.acquisition.AcquisitionStrategy;
import io.github.twostream.acquisition.Selection;
import io.github.twostream.acquisition.Strategies;
import io.github.twostream.math.KMeans;

/**
 * Prints how long each strategy takes on a synthetic pool, as a benchmark
 * (not a test): {@code StrategyBenchmark [n] [d] [k] [labelled]}, defaults
 * 20000 patches, 128-d embeddings, a batch of 20, 200 labelled.
 * <p>
 * The pool is 50 Gaussian clusters on the unit sphere (stream B), a 64-d
 * supervised embedding and random uncertainty scores; typicality is a
 * cheap stand-in (inverse distance to the k-means centre) since computing
 * the real kNN typicality is stream B's job.
 * </p>
 */
public final class StrategyBenchmark {

	private StrategyBenchmark() {}

	public static void main(final String... args) {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
		final int d = args.length > 1 ? Integer.parseInt(args[1]) : 128;
		final int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		final int nl = args.length > 3 ? Integer.parseInt(args[3]) : 200;
		final Random r = new Random(1);
		final int clusters = 50;
		final float[][] centres = new float[clusters][d];
		for (final float[] c : centres)
			for (int j = 0; j < d; j++)
				c[j] = (float) r.nextGaussian();
		final float[][] zb = new float[n][d], za = new float[n][64];
		final double[] entropy = new double[n], margin = new double[n],
				bald = new double[n], typ = new double[n];
		for (int i = 0; i < n; i++) {
			final float[] c = centres[r.nextInt(clusters)];
			double norm = 0;
			for (int j = 0; j < d; j++) {
				zb[i][j] = (float) (c[j] + 0.5 * r.nextGaussian());
				norm += zb[i][j] * zb[i][j];
			}
			for (int j = 0; j < d; j++)
				zb[i][j] /= (float) Math.sqrt(norm);
			for (int j = 0; j < 64; j++)
				za[i][j] = zb[i][j % d] * 3 + (float) (0.1 * r.nextGaussian());
			entropy[i] = r.nextDouble();
			margin[i] = r.nextDouble();
			bald[i] = r.nextDouble();
		}
		long t0 = System.nanoTime();
		final KMeans.Result km = KMeans.fit(zb, new KMeans.Config(clusters, 1, 30,
			1));
		System.out.printf("k-means n=%d d=%d k=%d: %.2f s (%d iterations)%n", n, d,
			clusters, (System.nanoTime() - t0) / 1e9, km.iterations());
		for (int i = 0; i < n; i++)
			typ[i] = 1 / (1e-6 + Math.sqrt(io.github.twostream.math.Distances.squared(
				zb[i], km.centroids()[km.assignments()[i]])));
		final int[] labelled = new int[nl];
		for (int i = 0; i < nl; i++)
			labelled[i] = i * (n / Math.max(1, nl));
		t0 = System.nanoTime();
		final AcquisitionContext ctx = AcquisitionContext.builder(n).labelled(
			labelled).unsupervisedEmbedding(zb).typicality(typ).entropy(entropy)
			.margin(margin).bald(bald).supervisedEmbedding(za).build();
		System.out.printf("context (novelty for %d labelled): %.2f s%n", nl,
			(System.nanoTime() - t0) / 1e9);
		for (final AcquisitionStrategy s : Strategies.all()) {
			t0 = System.nanoTime();
			final Selection sel = s.select(ctx, k, 1);
			System.out.printf("%-22s k=%d: %6.2f s  %s%n", s.name(), sel.size(),
				(System.nanoTime() - t0) / 1e9, sel.note());
		}
	}
}
