package io.github.twostream.acquisition;

import io.github.twostream.util.Progress;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.scijava.plugin.Plugin;

import io.github.twostream.math.Distances;

/**
 * Core-set (Sener and Savarese 2018), k-center greedy: repeatedly picks the
 * candidate farthest from everything labelled or already picked.
 * <p>
 * Embedding: stream A's supervised embedding when a task model exists, else
 * stream B's. The distance to the nearest labelled/picked patch is kept per
 * candidate and updated after each pick ({@code O(k m d)}). With nothing
 * labelled the first pick is a seeded random candidate. The suggestion score
 * is the distance at pick time.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name = CoresetStrategy.NAME,
	priority = 50)
public class CoresetStrategy extends AbstractStrategy {

	public static final String NAME = "coreset";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "k-center greedy: patches farthest from everything labelled (core-set)";
	}

	/**
	 * NB: true: with a task model, the distances are in stream A's embedding
	 * (a simulated round that left stream A out ran on stream B instead).
	 */
	@Override
	public boolean needsTaskModel() {
		return true;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		String note = "";
		float[][] z = ctx.supervisedEmbedding();
		if (z == null) {
			z = ctx.unsupervisedEmbedding();
			if (z == null) return renamed(new RandomStrategy().choose(ctx,
				candidates, k, seed, progress), Fallbacks.NO_STREAMS);
			if (!ctx.hasTaskModel()) note = "cold start: no task model yet, used the stream B embedding";
		}
		final int m = candidates.length;
		final double[] minD2 = new double[m];
		Arrays.fill(minD2, Double.POSITIVE_INFINITY);
		final var labelled = ctx.labelled();
		for (int l = labelled.nextSetBit(0); l >= 0; l = labelled.nextSetBit(l +
			1))
			update(z, candidates, minD2, z[l]);
		final double[] score = new double[ctx.size()];
		final int[] out = new int[k];
		for (int p = 0; p < k; p++) {
			progress.checkCancelled();
			int best = -1;
			if (p == 0 && labelled.isEmpty()) best = new SplittableRandom(seed)
				.nextInt(m);
			else for (int j = 0; j < m; j++)
				if (minD2[j] >= 0 && (best < 0 || minD2[j] > minD2[best])) best = j;
			out[p] = candidates[best];
			score[out[p]] = Math.sqrt(minD2[best]);
			update(z, candidates, minD2, z[out[p]]);
			minD2[best] = -1; // NB: marks as taken
		}
		return selection(ctx, out, score, note);
	}

	private static void update(final float[][] z, final int[] candidates,
		final double[] minD2, final float[] q)
	{
		for (int j = 0; j < candidates.length; j++) {
			if (minD2[j] < 0) continue;
			final double d = Distances.squared(z[candidates[j]], q);
			if (d < minD2[j]) minD2[j] = d;
		}
	}
}
