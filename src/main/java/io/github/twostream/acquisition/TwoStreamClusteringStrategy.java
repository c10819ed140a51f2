package io.github.twostream.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.scijava.plugin.Plugin;

import io.github.twostream.math.Distances;
import io.github.twostream.math.KMeans;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Two-stream active query suggestion as published (Lin et al., ECCV 2020):
 * two-level clustering, first on the task model's features, then on the
 * unsupervised ones.
 * <p>
 * <b>Levels.</b> {@code N1 = max(1, round(sqrt(k)))} k-means clusters of all
 * patches in the supervised embedding (stream A). The batch is split over
 * them evenly: each gets {@code floor(k / N1)} and the largest {@code k mod
 * N1} one more, so {@code N2 = ceil(k / N1)} and {@code N1 * N2 ~= k}; a
 * cluster with fewer candidates than its share passes the rest on to the
 * others. Inside each cluster, k-means with its share as {@code N2}
 * sub-clusters runs on the stream B embedding of its candidates, and the
 * candidate closest to each sub-cluster centre is picked.
 * </p>
 * <p>
 * <b>Labelled clusters.</b> Once a first-level cluster's labelled fraction
 * reaches {@code labelledFraction} (default 0.1), only its candidates
 * farthest from the labelled patches in stream B (the top
 * {@code keepFarthest}, default 20 %, by novelty) are clustered and picked.
 * </p>
 * <p>
 * Suggestions are ordered by sub-cluster size (the score: how many
 * candidates the pick stands for). Without a task model the first level is
 * one cluster (so: k-means on stream B, closest to centres), and the note
 * says so; without stream B the second level uses the supervised embedding.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name =
	TwoStreamClusteringStrategy.NAME, priority = 90)
public class TwoStreamClusteringStrategy extends AbstractStrategy {

	public static final String NAME = "two-stream-clustering";

	/**
	 * @param labelledFraction labelled fraction from which a cluster keeps only
	 *          its farthest candidates
	 * @param keepFarthest fraction of candidates kept in such a cluster
	 */
	public record Params(double labelledFraction, double keepFarthest) {

		public Params {
			if (!(labelledFraction >= 0 && labelledFraction <= 1) ||
				!(keepFarthest > 0 && keepFarthest <= 1)) throw new UserException(
					"Two-stream clustering fractions must lie in [0, 1] (got " +
						labelledFraction + ", " + keepFarthest + ")",
					"use e.g. 0.1 and 0.2");
		}

		public static final Params DEFAULT = new Params(0.1, 0.2);
	}

	private final Params params;

	public TwoStreamClusteringStrategy() {
		this(Params.DEFAULT);
	}

	public TwoStreamClusteringStrategy(final Params params) {
		this.params = params;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Lin et al. 2020: k-means on task features, then on stream B inside each cluster";
	}

	@Override
	public boolean needsTaskModel() {
		return true;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		final float[][] za = ctx.supervisedEmbedding();
		final float[][] zb = ctx.hasStreamB() ? ctx.unsupervisedEmbedding() : za;
		if (zb == null) return renamed(new RandomStrategy().choose(ctx, candidates,
			k, seed, progress), Fallbacks.NO_STREAMS);
		final List<String> notes = new ArrayList<>();
		if (za == null) notes.add(
			"cold start: no task model yet, clustered stream B only (one first-level cluster)");
		else if (!ctx.hasStreamB()) notes.add(
			"no stream B: both levels use the task model's embedding");
		final SplittableRandom seeds = new SplittableRandom(seed);
		final int n = ctx.size();

		// level 1
		final int n1 = za == null ? 1 : Math.max(1, Math.min((int) Math.round(
			Math.sqrt(k)), candidates.length));
		final int[] top = n1 == 1 ? new int[n] : KMeans.fit(za, KMeans.Config.of(
			n1, seeds.nextLong()), progress).assignments();
		final int kk = n1 == 1 ? 1 : top.length == 0 ? 1 : max(top) + 1;
		final List<List<Integer>> members = new ArrayList<>();
		for (int a = 0; a < kk; a++)
			members.add(new ArrayList<>());
		final int[] total = new int[kk], lab = new int[kk];
		for (int i = 0; i < n; i++) {
			total[top[i]]++;
			if (ctx.isLabelled(i)) lab[top[i]]++;
		}
		for (final int id : candidates)
			members.get(top[id]).add(id);

		// labelled clusters: keep the farthest candidates
		final double[] novelty = ctx.novelty() != null ? ctx.novelty() : Distances
			.nearest(zb, ctx.labelled());
		for (int a = 0; a < kk; a++) {
			if (lab[a] == 0 || (double) lab[a] / total[a] < params
				.labelledFraction()) continue;
			final List<Integer> m = members.get(a);
			m.sort(Comparator.comparingDouble((Integer id) -> -novelty[id])
				.thenComparingInt(id -> id));
			final int keep = Math.max(1, (int) Math.ceil(params.keepFarthest() * m
				.size()));
			members.set(a, new ArrayList<>(m.subList(0, Math.min(keep, m.size()))));
		}

		final int[] quota = quotas(members, k);
		final double[] score = new double[n];
		final List<Integer> picks = new ArrayList<>();
		for (int a = 0; a < kk; a++) {
			if (quota[a] == 0) continue;
			final int[] ids = members.get(a).stream().mapToInt(Integer::intValue)
				.toArray();
			progress.checkCancelled();
			pickCentres(zb, ids, quota[a], seeds.nextLong(), score, picks);
		}
		// NB: the filter may leave fewer candidates than k; top up by novelty.
		if (picks.size() < k) {
			final BitSet taken = new BitSet(n);
			picks.forEach(taken::set);
			final int[] rest = Arrays.stream(candidates).filter(id -> !taken.get(
				id)).toArray();
			for (final int id : Scores.topK(novelty, rest, k - picks.size()))
				picks.add(id);
			notes.add("filled up with the most novel patches");
		}
		final int[] out = picks.stream().sorted(Comparator.comparingDouble(
			(Integer id) -> -score[id]).thenComparingInt(id -> id)).mapToInt(
				Integer::intValue).toArray();
		return selection(ctx, out, score, String.join("; ", notes));
	}

	/** Even split of {@code k} over the clusters, capped by their sizes. */
	static int[] quotas(final List<List<Integer>> members, final int k) {
		final int kk = members.size();
		final Integer[] bySize = new Integer[kk];
		for (int a = 0; a < kk; a++)
			bySize[a] = a;
		Arrays.sort(bySize, Comparator.comparingInt((Integer a) -> -members.get(a)
			.size()).thenComparingInt(a -> a));
		final int[] quota = new int[kk];
		int left = k;
		// NB: round-robin, largest cluster first, one pick at a time.
		boolean progress = true;
		while (left > 0 && progress) {
			progress = false;
			for (final int a : bySize) {
				if (left == 0) break;
				if (quota[a] < members.get(a).size()) {
					quota[a]++;
					left--;
					progress = true;
				}
			}
		}
		return quota;
	}

	/** k-means into {@code q} sub-clusters; picks the candidate nearest each centre. */
	private static void pickCentres(final float[][] z, final int[] ids,
		final int q, final long seed, final double[] score,
		final List<Integer> picks)
	{
		final float[][] sub = new float[ids.length][];
		for (int i = 0; i < ids.length; i++)
			sub[i] = z[ids[i]];
		final KMeans.Result km = KMeans.fit(sub, KMeans.Config.of(q, seed));
		final int[] sizes = km.sizes();
		final boolean[] used = new boolean[ids.length];
		int picked = 0;
		for (int c = 0; c < km.k(); c++) {
			int best = -1;
			float bestD = Float.POSITIVE_INFINITY;
			// NB: nearest unused member of the sub-cluster, or of any if empty.
			for (int pass = 0; pass < 2 && best < 0; pass++)
				for (int i = 0; i < ids.length; i++) {
					if (used[i] || pass == 0 && km.assignments()[i] != c) continue;
					final float d = Distances.squared(sub[i], km.centroids()[c]);
					if (d < bestD) {
						bestD = d;
						best = i;
					}
				}
			used[best] = true;
			score[ids[best]] = sizes[c];
			picks.add(ids[best]);
			picked++;
		}
		// NB: k-means clamps q to the number of distinct rows it can separate.
		for (int i = 0; picked < q && i < ids.length; i++)
			if (!used[i]) {
				used[i] = true;
				picks.add(ids[i]);
				picked++;
			}
	}

	private static int max(final int[] a) {
		int m = 0;
		for (final int v : a)
			m = Math.max(m, v);
		return m;
	}
}
