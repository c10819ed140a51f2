package io.github.twostream.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.twostream.math.Distances;

/** What each strategy is for, on synthetic pools with planted structure. */
class StrategyBehaviourTest {

	private final Pools pool = new Pools(5, 40, 10, 11);

	private static int[] topByScore(final double[] s, final AcquisitionContext ctx,
		final int k)
	{
		return IntStream.range(0, s.length).filter(i -> !ctx.isLabelled(i)).boxed()
			.sorted(Comparator.comparingDouble(i -> -s[i])).limit(k).mapToInt(
				Integer::intValue).toArray();
	}

	@Test
	void uncertaintyMarginBaldPickTheirTopScores() {
		final AcquisitionContext ctx = pool.both(pool.noiseEntropy(5)).labelled(3,
			17, 101).build();
		assertArrayEquals(topByScore(ctx.entropy(), ctx, 8), Strategies.byName(
			"uncertainty").select(ctx, 8, 1).ids());
		assertArrayEquals(topByScore(ctx.margin(), ctx, 8), Strategies.byName(
			"margin").select(ctx, 8, 1).ids());
		assertArrayEquals(topByScore(ctx.bald(), ctx, 8), Strategies.byName(
			"bald").select(ctx, 8, 1).ids());
		final Suggestion first = Strategies.byName("uncertainty").select(ctx, 1, 1)
			.suggestions().get(0);
		assertEquals(ctx.entropy()[first.patchId()], first.score());
		assertEquals(ctx.bald()[first.patchId()], first.bald());
	}

	@Test
	void baldWithoutBaldScoresUsesEntropyAndSaysSo() {
		final AcquisitionContext ctx = AcquisitionContext.builder(pool.n).entropy(
			pool.noiseEntropy(4)).build();
		final Selection s = Strategies.byName("bald").select(ctx, 5, 1);
		assertArrayEquals(topByScore(ctx.entropy(), ctx, 5), s.ids());
		assertTrue(s.note().contains("entropy"), s.note());
	}

	@Test
	void coresetPicksFarApartPoints() {
		final Pools clean = new Pools(5, 40, 0, 2);
		final AcquisitionContext cold = clean.streamB().build();
		final int[] ids = Strategies.byName("coreset").select(cold, 5, 3).ids();
		assertEquals(5, clean.clustersHit(ids), "one per cluster");
		// with clusters 0 and 1 labelled it goes to the other three
		final AcquisitionContext warm = clean.streamB().labelled(IntStream.range(0,
			80).toArray()).build();
		final int[] next = Strategies.byName("coreset").select(warm, 3, 3).ids();
		assertEquals(3, clean.clustersHit(next));
		for (final int id : next)
			assertTrue(clean.cluster[id] >= 2);
		// and its batch is more spread out than a random one
		assertTrue(minPairwise(clean.zb, ids) > minPairwise(clean.zb, Strategies
			.byName("random").select(cold, 5, 3).ids()));
	}

	@Test
	void twoStreamPrefersUncertainDenseOverUncertainOutliers() {
		// clusters 2 and 3 are uncertain, the outliers even more so
		final double[] e = new double[pool.n];
		final Random r = new Random(8);
		for (int i = 0; i < pool.n; i++)
			e[i] = pool.cluster[i] == 2 || pool.cluster[i] == 3 ? 0.8 + 0.1 * r
				.nextDouble() : pool.cluster[i] < 0 ? 0.95 + 0.05 * r.nextDouble()
					: 0.1 * r.nextDouble();
		final AcquisitionContext ctx = pool.both(e).labelled(0, 50, 130).build();
		final int[] plain = Strategies.byName("uncertainty").select(ctx, 4, 1)
			.ids();
		assertTrue(Arrays.stream(plain).allMatch(i -> pool.cluster[i] < 0),
			"uncertainty alone takes the outliers");
		final Selection two = Strategies.byName("two-stream").select(ctx, 4, 1);
		for (final int id : two.ids())
			assertTrue(pool.cluster[id] == 2 || pool.cluster[id] == 3,
				"two-stream picked " + id + " " + Arrays.toString(two.ids()));
		assertEquals(2, pool.clustersHit(two.ids()), "spread over both");
		for (final Suggestion s : two.suggestions()) {
			assertEquals(e[s.patchId()], s.entropy());
			assertEquals(ctx.novelty()[s.patchId()], s.novelty());
			assertEquals(pool.typicality[s.patchId()], s.typicality());
			assertTrue(s.score() > 0 && s.score() <= 1);
		}
		// without the penalty the batch crowds together
		final int[] greedyOff = new TwoStreamStrategy(TwoStreamStrategy.Params.DEFAULT
			.withPenalty(1)).select(ctx, 4, 1).ids();
		assertTrue(minPairwise(pool.zb, two.ids()) >= minPairwise(pool.zb,
			greedyOff));
	}

	@Test
	void twoStreamSpreadsTheBatchAndAvoidsLabelledClusters() {
		// uniform uncertainty: the batch should cover the clusters
		final AcquisitionContext ctx = pool.both(pool.noiseEntropy(6)).build();
		final int[] ids = Strategies.byName("two-stream").select(ctx, 10, 1).ids();
		assertTrue(pool.clustersHit(ids) >= 4, "hit " + pool.clustersHit(ids));
		// cluster 0 well labelled: novelty steers away from it
		final AcquisitionContext lab = pool.both(pool.noiseEntropy(6)).labelled(
			IntStream.range(0, 20).toArray()).build();
		final int[] next = Strategies.byName("two-stream").select(lab, 8, 1).ids();
		assertTrue(Arrays.stream(next).noneMatch(i -> pool.cluster[i] == 0),
			Arrays.toString(next));
	}

	@Test
	void coldStartTwoStreamTakesTypicalSpreadPatches() {
		final Selection s = Strategies.byName("two-stream").select(pool.streamB()
			.build(), 5, 4);
		assertTrue(s.note().startsWith("cold start"), s.note());
		assertTrue(Arrays.stream(s.ids()).allMatch(i -> pool.cluster[i] >= 0));
		assertTrue(pool.clustersHit(s.ids()) >= 4);
	}

	@Test
	void clusteringVariantCoversSeveralClusters() {
		final AcquisitionContext ctx = pool.both(pool.noiseEntropy(7)).labelled(
			5, 60).build();
		final Selection s = Strategies.byName("two-stream-clustering").select(ctx,
			9, 2);
		assertTrue(pool.clustersHit(s.ids()) >= 4, Arrays.toString(s.ids()));
		// cold start: stream B only, one pick per cluster
		final Selection cold = Strategies.byName("two-stream-clustering").select(
			pool.streamB().build(), 5, 2);
		assertTrue(cold.note().contains("cold start"));
		assertTrue(pool.clustersHit(cold.ids()) >= 4, Arrays.toString(cold
			.ids()));
	}

	@Test
	void clusteringVariantKeepsFarCandidatesInLabelledClusters() {
		// cluster 0 is 50 % labelled (its first half): picks from cluster 0 must be
		// among its 20 % farthest candidates in stream B
		final AcquisitionContext ctx = pool.both(pool.noiseEntropy(9)).labelled(
			IntStream.range(0, 20).toArray()).build();
		final int[] ids = Strategies.byName("two-stream-clustering").select(ctx,
			9, 2).ids();
		final double[] nov = ctx.novelty();
		final double[] cluster0 = IntStream.range(20, 40).mapToDouble(i -> nov[i])
			.sorted().toArray();
		final double cut = cluster0[cluster0.length - 4]; // top 20 % of 20
		for (final int id : ids)
			if (pool.cluster[id] == 0) assertTrue(nov[id] >= cut, "id " + id);
	}

	@Test
	void probCoverCoversEveryCluster() {
		final Selection s = Strategies.byName("probcover").select(pool.streamB()
			.build(), 5, 1);
		assertEquals(5, pool.clustersHit(s.ids()), Arrays.toString(s.ids()));
		assertTrue(s.note().startsWith("delta = "));
		// already-covered clusters are skipped
		final Selection next = Strategies.byName("probcover").select(pool
			.streamB().labelled(s.ids()[0], s.ids()[1]).build(), 3, 1);
		assertEquals(3, pool.clustersHit(next.ids()));
		for (final int id : next.ids())
			assertTrue(pool.cluster[id] != pool.cluster[s.ids()[0]] &&
				pool.cluster[id] != pool.cluster[s.ids()[1]]);
		// gains never grow along the batch
		for (int i = 1; i < s.size(); i++)
			assertTrue(s.suggestions().get(i).score() <= s.suggestions().get(i - 1)
				.score());
	}

	@Test
	void typicalityTakesTheMostTypicalOfEachCluster() {
		final AcquisitionContext ctx = pool.streamB().build();
		final int[] ids = Strategies.byName("typicality").select(ctx, 5, 1).ids();
		assertEquals(5, pool.clustersHit(ids), Arrays.toString(ids));
		for (final int id : ids) {
			final int c = pool.cluster[id];
			final double best = IntStream.range(0, pool.n).filter(
				i -> pool.cluster[i] == c).mapToDouble(i -> pool.typicality[i]).max()
				.getAsDouble();
			assertEquals(best, pool.typicality[id], "not the most typical of " + c);
		}
	}

	private static double minPairwise(final float[][] z, final int[] ids) {
		double m = Double.MAX_VALUE;
		for (int i = 0; i < ids.length; i++)
			for (int j = i + 1; j < ids.length; j++)
				m = Math.min(m, Distances.euclidean(z[ids[i]], z[ids[j]]));
		return m;
	}
}
