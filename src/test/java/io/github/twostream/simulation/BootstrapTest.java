package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;

class BootstrapTest {

	@TempDir
	Path dir;

	/**
	 * Noisy saturating learning curves, 10..200 patches: IoU = 0.7 (1 -
	 * exp(-x / 50)) + per-seed offset + per-round noise.
	 */
	static Curves noisy(final String strategy, final int seeds, final long rng) {
		final Random random = new Random(rng);
		final List<CurvePoint> p = new ArrayList<>();
		for (long seed = 1; seed <= seeds; seed++) {
			final double offset = 0.03 * random.nextGaussian();
			for (int r = 0; r < 20; r++) {
				final int x = 10 + 10 * r;
				final double iou = 0.7 * (1 - Math.exp(-x / 50.0)) + offset + 0.02 *
					random.nextGaussian();
				p.add(new CurvePoint(strategy, seed, r, x, iou, iou, 1));
			}
		}
		return new Curves(p);
	}

	@Test
	void intervalsContainTheMeanCurveFigures() {
		final Curves c = noisy("random", 5, 1);
		final Bootstrap.Result b = Bootstrap.of(c, "random", 0.7);
		final StrategySummary s = Summaries.summarise(c, 0.7).get(0);
		assertTrue(b.auc().contains(s.auc()), b.auc() + " vs " + s.auc());
		assertTrue(b.patchesTo90().contains(s.patchesTo90()), b.patchesTo90() +
			" vs " + s.patchesTo90());
		assertTrue(b.auc().width() > 0);
		final MeanCurve m = Summaries.meanCurve(c, "random");
		assertArrayEquals(m.x(), b.x());
		for (int i = 0; i < m.size(); i++)
			assertTrue(b.bandLo()[i] <= m.mean()[i] && m.mean()[i] <= b.bandHi()[i],
				"band at " + m.x()[i]);
		// the summary carries the same intervals
		assertEquals(b.auc(), s.aucCi());
		assertEquals(b.patchesTo95(), s.patchesTo95Ci());
	}

	@Test
	void intervalsShrinkWithMoreSeeds() {
		double few = 0, many = 0;
		// NB: averaged over a few independent data sets, so one lucky draw of 5
		// seeds cannot pass the test
		for (long rng = 1; rng <= 4; rng++) {
			few += Bootstrap.of(noisy("s", 5, rng), "s", 0.7).auc().width();
			many += Bootstrap.of(noisy("s", 40, rng), "s", 0.7).auc().width();
		}
		assertTrue(many < 0.6 * few, "40 seeds " + many / 4 + " vs 5 seeds " +
			few / 4);
	}

	@Test
	void deterministicForASeed() {
		final Curves c = noisy("s", 5, 3);
		final Bootstrap.Result a = Bootstrap.of(c, "s", 0.7, 500, 7);
		final Bootstrap.Result b = Bootstrap.of(c, "s", 0.7, 500, 7);
		final Bootstrap.Result other = Bootstrap.of(c, "s", 0.7, 500, 8);
		assertEquals(a.auc(), b.auc());
		assertEquals(a.patchesTo90(), b.patchesTo90());
		assertArrayEquals(a.bandLo(), b.bandLo());
		assertNotEquals(a.auc(), other.auc());
	}

	@Test
	void aTargetSomeResamplesMissGivesAnOpenInterval() throws Exception {
		// seed 1 reaches 0.95 * 0.7 = 0.665 at 20 + 10 * 0.265 / 0.3 patches
		// (alone in a resample), seed 2 never
		final List<CurvePoint> p = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			p.add(new CurvePoint("s", 1, r, 10 + 10 * r, 0.3 * r + 0.1, 0, 1));
			p.add(new CurvePoint("s", 2, r, 10 + 10 * r, 0.1, 0, 1));
		}
		final Curves c = new Curves(p);
		final Bootstrap.Result b = Bootstrap.of(c, "s", 0.7);
		assertEquals(20 + 10 * 0.265 / 0.3, b.patchesTo95().lo(), 1e-9);
		assertEquals(Double.POSITIVE_INFINITY, b.patchesTo95().hi());
		final Path f = dir.resolve("summary.csv");
		Summaries.write(Summaries.summarise(c, 0.7), 0.7, f);
		final String[] row = Files.readAllLines(f).get(1).split(",", -1);
		final List<String> header = List.of(Summaries.HEADER.split(","));
		assertEquals("28.8333", row[header.indexOf("patches_to_95_lo")]);
		assertEquals("NA", row[header.indexOf("patches_to_95_hi")]);
	}

	@Test
	void minutesToATargetAverageTheSeedsMinutes() throws Exception {
		// both seeds reach 0.95 * 0.7 at 20 + 10 * 0.265 / 0.3 patches; seed 1
		// annotates at 6 s a patch, seed 2 at 12 s: the mean curve runs at 0.15
		// min a patch, a resample of seed 1 alone at 0.1, of seed 2 alone at 0.2
		final List<CurvePoint> p = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			final int x = 10 + 10 * r;
			p.add(new CurvePoint("s", 1, r, x, 0.3 * r + 0.1, 0, 1, 6.0 * x));
			p.add(new CurvePoint("s", 2, r, x, 0.3 * r + 0.1, 0, 1, 12.0 * x));
		}
		final Curves c = new Curves(p);
		final double patches = 20 + 10 * 0.265 / 0.3;
		final StrategySummary.Minutes m = Summaries.summarise(c, 0.7).get(0)
			.minutes();
		assertEquals(0.15 * patches, m.to95(), 1e-9);
		assertEquals(0.1 * patches, m.to95Ci().lo(), 1e-9);
		assertEquals(0.2 * patches, m.to95Ci().hi(), 1e-9);
		assertTrue(m.to90() < m.to95());
		final Path f = dir.resolve("summary.csv");
		Summaries.write(Summaries.summarise(c, 0.7), 0.7, f);
		final String[] row = Files.readAllLines(f).get(1).split(",", -1);
		final List<String> header = List.of(Summaries.HEADER.split(","));
		assertEquals(header.size(), row.length);
		assertEquals(0.15 * patches, Double.parseDouble(row[header.indexOf(
			"minutes_to_95")]), 1e-3);
		// curves without annotation seconds (older runs) have no minutes
		final List<CurvePoint> untimed = new ArrayList<>();
		for (final CurvePoint q : p)
			untimed.add(new CurvePoint(q.strategy(), q.seed(), q.round(), q
				.labelledPatches(), q.iou(), q.dice(), q.roundSeconds()));
		Summaries.write(Summaries.summarise(new Curves(untimed), 0.7), 0.7, f);
		final String[] bare = Files.readAllLines(f).get(1).split(",", -1);
		assertEquals("NA", bare[header.indexOf("minutes_to_95")]);
		assertEquals("NA", bare[header.indexOf("minutes_to_95_hi")]);
		assertEquals(Bootstrap.Interval.NONE, Bootstrap.of(new Curves(untimed),
			"s", 0.7).minutesTo95());
	}

	@Test
	void minutesFollowAnotherAnnotationPace() {
		// simulate's seconds (CostModel.DEFAULT: 4 + 0.05 x 40 = 6 s a patch) of
		// labelled sets with 40 outline pixels a patch; at 2 s + 0.1 s a pixel
		// that is 6 s a patch again, at 2 s + 0.2 s a pixel 10 s
		final List<CurvePoint> p = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			final int x = 10 + 10 * r;
			p.add(new CurvePoint("s", 1, r, x, 0.3 * r + 0.1, 0, 1, x * (4 + 0.05 *
				40)));
		}
		final Curves c = new Curves(p);
		final double base = Summaries.summarise(c, 0.7).get(0).minutes().to95();
		final Curves same = c.withAnnotationCost(new CostModel(2, 0.1));
		assertEquals(base, Summaries.summarise(same, 0.7).get(0).minutes().to95(),
			1e-9);
		final Curves slower = c.withAnnotationCost(new CostModel(2, 0.2));
		assertEquals(base * 10 / 6, Summaries.summarise(slower, 0.7).get(0)
			.minutes().to95(), 1e-9);
		assertEquals(c.points().get(2).iou(), slower.points().get(2).iou());
	}

	@Test
	void pairingSeedsCancelsTheirSharedLuck() {
		// a seed's luck (its initial set) moves both strategies' curves alike;
		// b is a minus 0.01 everywhere, plus a little noise of its own
		final Random random = new Random(5);
		final List<CurvePoint> p = new ArrayList<>();
		for (long seed = 1; seed <= 8; seed++) {
			final double luck = 0.05 * random.nextGaussian();
			for (int r = 0; r < 20; r++) {
				final int x = 10 + 10 * r;
				final double a = 0.7 * (1 - Math.exp(-x / 50.0)) + luck;
				p.add(new CurvePoint("a", seed, r, x, a, a, 1));
				final double b = a - 0.01 + 0.002 * random.nextGaussian();
				p.add(new CurvePoint("b", seed, r, x, b, b, 1));
			}
		}
		// one unfinished seed of a: left out of the pairs
		p.add(new CurvePoint("a", 9, 0, 10, 0.2, 0.2, 1));
		final Curves c = new Curves(p);
		assertTrue(Bootstrap.of(c, "a", 0.7).auc().overlaps(Bootstrap.of(c, "b",
			0.7).auc()), "the strategies' own intervals cannot tell them apart");
		final Bootstrap.Paired d = Bootstrap.paired(c, "a", "b", 0.7);
		assertEquals(8, d.seeds());
		assertEquals(8, d.aucWins());
		assertEquals(0.01, d.aucDiff(), 0.002);
		assertTrue(d.aucDiffCi().lo() > 0 && d.aucDiffCi().contains(0.01), d
			.aucDiffCi().toString());
		assertTrue(d.to90Diff() < 0, "a gets there first: " + d.to90Diff());
		final UserException unknown = assertThrows(UserException.class,
			() -> Bootstrap.paired(c, "a", "nope", 0.7));
		assertTrue(unknown.getMessage().contains("Strategy nope is not in these curves"),
			unknown.getMessage());
		final Curves one = new Curves(p.stream().filter(q -> q.seed() == 1)
			.toList());
		assertThrows(UserException.class, () -> Bootstrap.paired(one, "a", "b",
			0.7));
	}

	@Test
	void percentilesInterpolateOrderStatistics() {
		final double[] v = new double[101];
		for (int i = 0; i <= 100; i++)
			v[i] = 100 - i; // unsorted on purpose
		final Bootstrap.Interval i = Bootstrap.interval(v);
		assertEquals(2.5, i.lo(), 1e-12);
		assertEquals(97.5, i.hi(), 1e-12);
		assertTrue(i.overlaps(new Bootstrap.Interval(97, 200)));
		assertTrue(!i.overlaps(new Bootstrap.Interval(98, 200)));
		assertTrue(Double.isNaN(Bootstrap.interval(new double[] { Double.NaN })
			.lo()));
	}
}
