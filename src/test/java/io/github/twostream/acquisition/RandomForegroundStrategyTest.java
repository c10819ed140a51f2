package io.github.twostream.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.util.UserException;

class RandomForegroundStrategyTest {

	/** 1000 patches; every 10th holds foreground (10 %), 0..19 labelled. */
	private static AcquisitionContext context() {
		final double[] fg = new double[1000];
		for (int i = 0; i < fg.length; i += 10)
			fg[i] = 0.05 + i / 10000.0;
		final int[] labelled = new int[20];
		for (int i = 0; i < 20; i++)
			labelled[i] = i;
		return AcquisitionContext.builder(1000).labelled(labelled).build()
			.withGroundTruthForeground(fg);
	}

	@Test
	void guaranteesAThirdForegroundWhenTheDataSetHasLess() {
		final AcquisitionContext ctx = context();
		final RandomForegroundStrategy s = new RandomForegroundStrategy();
		for (long seed = 1; seed <= 20; seed++) {
			final int[] ids = s.select(ctx, 12, seed).ids();
			assertEquals(12, ids.length);
			assertEquals(12, Arrays.stream(ids).distinct().count());
			assertTrue(Arrays.stream(ids).noneMatch(ctx::isLabelled));
			// round(12 / 3) = 4 with foreground, exactly
			assertEquals(4, Arrays.stream(ids).filter(
				id -> ctx.groundTruthForeground()[id] > 0).count(), "seed " + seed);
		}
		assertArrayEquals(s.select(ctx, 12, 3).ids(), s.select(ctx, 12, 3).ids());
		// the picks vary with the seed (it is random, not a ranking)
		final Set<Integer> seen = new HashSet<>();
		for (long seed = 1; seed <= 5; seed++)
			for (final int id : s.select(ctx, 12, seed).ids())
				seen.add(id);
		assertTrue(seen.size() > 40, seen.size() + " distinct picks");
	}

	@Test
	void keepsTheDataSetsShareWhenItIsLarger() {
		final double[] fg = new double[100];
		for (int i = 0; i < 80; i++)
			fg[i] = 0.5; // 80 % of patches hold foreground
		final AcquisitionContext ctx = AcquisitionContext.builder(100).build()
			.withGroundTruthForeground(fg);
		final int[] ids = new RandomForegroundStrategy().select(ctx, 10, 1).ids();
		assertEquals(8, Arrays.stream(ids).filter(id -> fg[id] > 0).count());
	}

	@Test
	void refusedOutsideSimulations() {
		final AcquisitionContext ctx = AcquisitionContext.builder(50).build();
		assertThrows(UserException.class, () -> new RandomForegroundStrategy()
			.select(ctx, 5, 1));
		final UserException e = assertThrows(UserException.class,
			() -> SuggestSettings.defaults(64).withStrategy(
				RandomForegroundStrategy.NAME));
		assertTrue(e.getMessage().contains("simulation"), e.getMessage());
		assertFalse(Strategies.productNames().contains(
			RandomForegroundStrategy.NAME));
		assertTrue(Strategies.names().contains(RandomForegroundStrategy.NAME));
		assertTrue(Strategies.productNames().contains(RandomStrategy.NAME));
	}
}
