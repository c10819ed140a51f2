package io.github.twostream.acquisition;

import io.github.twostream.util.Progress;

import java.util.BitSet;

import org.scijava.plugin.Plugin;

import io.github.twostream.math.Distances;
import io.github.twostream.math.KMeans;

/**
 * TypiClust (Hacohen et al. 2022): typical patches of the largest clusters
 * that hold no labelled patch, in the stream B embedding.
 * <p>
 * k-means ({@link KMeans}, 1 restart, at most 30 iterations) splits all
 * patches into {@code K = min(|L| + k, 500, n)} clusters. Each pick takes the
 * cluster with the fewest labelled/picked patches (ties: the larger) that
 * still has candidates, and from it the candidate with the highest stream B
 * typicality (without typicality: the one closest to the centre). The
 * suggestion score is the typicality. Needs no task model.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name = TypicalityStrategy.NAME,
	priority = 40)
public class TypicalityStrategy extends AbstractStrategy {

	public static final String NAME = "typicality";

	/** Cap on the number of clusters (k-means cost grows with it). */
	public static final int MAX_CLUSTERS = 500;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "TypiClust: the most typical patch of each large unlabelled cluster (stream B)";
	}

	@Override
	public boolean needsTaskModel() {
		return false;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		final float[][] z = ctx.hasStreamB() ? ctx.unsupervisedEmbedding() : ctx
			.supervisedEmbedding();
		if (z == null) return renamed(new RandomStrategy().choose(ctx, candidates,
			k, seed, progress), Fallbacks.NO_STREAMS);
		final String note = ctx.hasStreamB() ? ""
			: "no stream B: clustered the task model's embedding";
		final int n = ctx.size();
		final int kc = Math.min(Math.min(ctx.labelledCount() + k, MAX_CLUSTERS),
			n);
		progress.status("TypiClust: k-means with " + kc + " clusters");
		final KMeans.Result km = KMeans.fit(z, new KMeans.Config(kc, 1, 30,
			seed), progress);
		final int[] sizes = km.sizes();
		final int[] used = new int[km.k()];
		final BitSet labelled = ctx.labelled();
		for (int l = labelled.nextSetBit(0); l >= 0; l = labelled.nextSetBit(l +
			1))
			used[km.assignments()[l]]++;
		final double[] typ = new double[n];
		for (int i = 0; i < n; i++)
			typ[i] = ctx.typicality() != null ? ctx.typicality()[i] : -Distances
				.squared(z[i], km.centroids()[km.assignments()[i]]);
		// best remaining candidate per cluster, maintained as picks happen
		final BitSet taken = new BitSet(n);
		final int[] out = new int[k];
		for (int p = 0; p < k; p++) {
			final int[] best = bestPerCluster(km, candidates, typ, taken);
			int c = -1;
			for (int a = 0; a < km.k(); a++) {
				if (best[a] < 0) continue;
				if (c < 0 || used[a] < used[c] || used[a] == used[c] &&
					sizes[a] > sizes[c]) c = a;
			}
			out[p] = best[c];
			taken.set(best[c]);
			used[c]++;
		}
		return selection(ctx, out, ctx.typicality(), note);
	}

	private static int[] bestPerCluster(final KMeans.Result km,
		final int[] candidates, final double[] typ, final BitSet taken)
	{
		final int[] best = new int[km.k()];
		java.util.Arrays.fill(best, -1);
		for (final int id : candidates) {
			if (taken.get(id)) continue;
			final int a = km.assignments()[id];
			if (best[a] < 0 || typ[id] > typ[best[a]]) best[a] = id;
		}
		return best;
	}
}
