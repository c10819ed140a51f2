package io.github.twostream.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.CancelledException;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Every strategy, every kind of context: k distinct unlabelled ids, deterministic. */
class StrategyContractTest {

	private final Pools pool = new Pools(5, 40, 10, 3);

	private Map<String, AcquisitionContext> contexts() {
		final Map<String, AcquisitionContext> m = new LinkedHashMap<>();
		final int[] someLabels = { 0, 1, 2, 45, 90, 91, 205 };
		m.put("nothing", AcquisitionContext.builder(pool.n).build());
		m.put("cold", pool.streamB().build());
		m.put("cold+labels", pool.streamB().labelled(someLabels).build());
		m.put("warm", pool.both(pool.noiseEntropy(1)).labelled(someLabels)
			.build());
		m.put("stream A only", AcquisitionContext.builder(pool.n).entropy(pool
			.noiseEntropy(2)).supervisedEmbedding(pool.za).labelled(someLabels)
			.build());
		// all but 4 labelled: k exceeds the candidates
		m.put("nearly done", pool.both(pool.noiseEntropy(3)).labelled(IntStream
			.range(4, pool.n).toArray()).build());
		return m;
	}

	/**
	 * The context as the simulator gives it: with the ground truth's
	 * foreground (every third patch 20 %) for the simulation-only baselines.
	 */
	private static AcquisitionContext forStrategy(final AcquisitionStrategy s,
		final AcquisitionContext ctx)
	{
		if (!s.needsGroundTruth()) return ctx;
		final double[] fg = new double[ctx.size()];
		for (int i = 0; i < fg.length; i += 3)
			fg[i] = 0.2;
		return ctx.withGroundTruthForeground(fg);
	}

	@Test
	void everyStrategyKeepsTheContract() {
		for (final AcquisitionStrategy s : Strategies.all())
			for (final var e : contexts().entrySet()) {
				final AcquisitionContext ctx = forStrategy(s, e.getValue());
				final String what = s.name() + " on " + e.getKey();
				final Selection sel = s.select(ctx, 12, 99);
				final int expected = Math.min(12, ctx.size() - ctx.labelledCount());
				assertEquals(expected, sel.size(), what);
				final int[] ids = sel.ids();
				assertEquals(expected, Arrays.stream(ids).distinct().count(),
					what + ": duplicates " + Arrays.toString(ids));
				for (final int id : ids) {
					assertTrue(id >= 0 && id < ctx.size(), what);
					assertFalse(ctx.isLabelled(id), what + " picked labelled " + id);
				}
				for (int r = 0; r < sel.size(); r++)
					assertEquals(r + 1, sel.suggestions().get(r).rank());
				assertEquals(s.name(), sel.strategy());
				assertArrayEquals(ids, s.select(ctx, 12, 99).ids(), what +
					" not deterministic");
				assertEquals(0, s.select(ctx, 0, 99).size());
			}
	}

	@Test
	void streamAStrategiesSayWhenTheyFallBack() {
		final AcquisitionContext cold = pool.streamB().build();
		for (final AcquisitionStrategy s : Strategies.all()) {
			final Selection sel = s.select(forStrategy(s, cold), 5, 1);
			if (s.needsTaskModel()) assertTrue(sel.note().contains("cold start"), s
				.name() + ": " + sel.note());
			// per-stream scores: stream B present, stream A absent
			for (final Suggestion g : sel.suggestions()) {
				assertTrue(Double.isNaN(g.entropy()) && Double.isNaN(g.bald()));
				assertFalse(Double.isNaN(g.typicality()));
			}
		}
		assertEquals(Fallbacks.COLD_START, Strategies.byName("uncertainty").select(
			cold, 5, 1).note());
		final Selection none = Strategies.byName("two-stream").select(
			AcquisitionContext.builder(pool.n).build(), 5, 1);
		assertTrue(none.note().contains("random"), none.note());
	}

	@Test
	void slowStrategiesStopWhenCancelled() {
		final Progress cancelled = new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return true;
			}
		};
		final AcquisitionContext ctx = pool.both(pool.noiseEntropy(1)).build();
		for (final String name : List.of("probcover", "typicality", "coreset",
			"two-stream", "two-stream-clustering"))
			assertThrows(CancelledException.class, () -> Strategies.byName(name)
				.select(ctx, 5, 1, cancelled), name);
	}

	@Test
	void differentSeedsCanDifferForRandom() {
		final AcquisitionContext ctx = pool.streamB().build();
		final AcquisitionStrategy random = Strategies.byName("random");
		assertFalse(Arrays.equals(random.select(ctx, 10, 1).ids(), random.select(
			ctx, 10, 2).ids()));
	}

	@Test
	void badInputIsAUserError() {
		assertThrows(UserException.class, () -> Strategies.byName("random")
			.select(pool.streamB().build(), -1, 1));
		assertThrows(UserException.class, () -> AcquisitionContext.builder(5)
			.entropy(new double[4]));
		assertThrows(UserException.class, () -> AcquisitionContext.builder(5)
			.labelled(7));
		assertThrows(UserException.class, () -> AcquisitionContext.builder(2)
			.supervisedEmbedding(new float[][] { { 1 }, { 1, 2 } }));
		assertThrows(UserException.class, () -> AcquisitionContext.builder(2)
			.bald(new double[2]).build());
	}

	@Test
	void noveltyIsComputedFromStreamBWhenMissing() {
		final AcquisitionContext ctx = pool.streamB().labelled(0).build();
		assertEquals(0, ctx.novelty()[0], 1e-6);
		assertTrue(ctx.novelty()[1] < ctx.novelty()[pool.per * 2],
			"same cluster is nearer than another cluster");
		assertEquals(Double.POSITIVE_INFINITY, pool.streamB().build().novelty()[3]);
	}
}
