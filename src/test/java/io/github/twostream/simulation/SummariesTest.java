package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;

class SummariesTest {

	@TempDir
	Path dir;

	@Test
	void interpolatesPatchesNeeded() {
		final double[] x = { 10, 20, 30 }, y = { 0.2, 0.6, 0.8 };
		assertEquals(15, Summaries.patchesToReach(x, y, 0.4), 1e-9);
		assertEquals(25, Summaries.patchesToReach(x, y, 0.7), 1e-9);
		assertEquals(10, Summaries.patchesToReach(x, y, 0.1), 1e-9);
		assertTrue(Double.isNaN(Summaries.patchesToReach(x, y, 0.9)));
		// first crossing counts, even if the curve dips later
		assertEquals(20, Summaries.patchesToReach(new double[] { 10, 20, 30 },
			new double[] { 0.1, 0.5, 0.3 }, 0.5), 1e-9);
	}

	@Test
	void normalisedAucIsTheMeanHeight() {
		assertEquals(0.5, Summaries.normalisedAuc(new double[] { 0, 10 },
			new double[] { 0.5, 0.5 }), 1e-12);
		// (0.2+0.6)/2*10 + (0.6+0.8)/2*10 = 11 over 20
		assertEquals(0.55, Summaries.normalisedAuc(new double[] { 10, 20, 30 },
			new double[] { 0.2, 0.6, 0.8 }), 1e-12);
		assertEquals(0.7, Summaries.normalisedAuc(new double[] { 5 },
			new double[] { 0.7 }), 1e-12);
	}

	@Test
	void meanCurveAveragesSeeds() {
		final MeanCurve c = Summaries.meanCurve(CurvesTest.sample(), "random");
		assertEquals(3, c.size());
		assertEquals(10, c.x()[0]);
		assertEquals(0.215, c.mean()[0], 1e-9); // (0.21 + 0.22) / 2
		assertEquals(Math.sqrt(0.00005), c.sd()[0], 1e-9);
		assertEquals(2, c.count()[2]);
	}

	/**
	 * Each (strategy, seed) curve on its own: its last point and its first
	 * crossings, in order of strategies then seeds, whatever the order of the
	 * points (a resumed run appends rounds of several units interleaved).
	 */
	@Test
	void perSeedFiguresFollowEachCurve() {
		final List<CurvePoint> points = new ArrayList<>(CurvesTest
			.sample().points());
		Collections.reverse(points);
		// random seed 1: 0.21, 0.41, 0.61 at 10, 20, 30; seed 2: 0.22, 0.42, 0.62
		final List<Summaries.SeedFigures> f = Summaries.perSeed(new Curves(points),
			0.5);
		assertEquals(4, f.size());
		final Summaries.SeedFigures r1 = f.stream().filter(x -> x.strategy().equals(
			"random") && x.seed() == 1).findFirst().orElseThrow();
		assertEquals(30, r1.lastLabelled());
		assertEquals(0.61, r1.lastIou(), 1e-9);
		// 90 % of 0.5 = 0.45: between 0.41 (20) and 0.61 (30)
		assertEquals(20 + 10 * (0.45 - 0.41) / 0.2, r1.patchesTo90(), 1e-9);
		assertEquals(20 + 10 * (0.475 - 0.41) / 0.2, r1.patchesTo95(), 1e-9);
		assertEquals(List.of(1L, 2L, 1L, 2L), f.stream().map(
			Summaries.SeedFigures::seed).toList());
		assertEquals("two-stream", f.get(0).strategy(), "order of first appearance");
		assertTrue(Double.isNaN(Summaries.perSeed(CurvesTest.sample(), 0.7).get(0)
			.patchesTo95()), "0.665 is never reached by random seed 1");
		final String table = SimulationReports.perSeedTable(f);
		assertFalse(table.contains("NA"), table);
		assertEquals(5, table.lines().count(), table);
	}

	@Test
	void summarisesAndWritesCsv() throws Exception {
		// mean curves: random 0.215, 0.415, 0.615; two-stream 0.315, 0.515, 0.715
		final List<StrategySummary> s = Summaries.summarise(CurvesTest.sample(),
			0.7);
		assertEquals(2, s.size());
		final StrategySummary random = s.get(0), two = s.get(1);
		assertEquals("random", random.strategy());
		assertEquals(2, random.seeds());
		// 90 % of 0.7 = 0.63: random never; two-stream between 20 and 30
		assertTrue(Double.isNaN(random.patchesTo90()));
		assertEquals(20 + 10 * (0.63 - 0.515) / 0.2, two.patchesTo90(), 1e-9);
		// 95 % = 0.665: two-stream at 27.5
		assertEquals(27.5, two.patchesTo95(), 1e-9);
		assertEquals(0.615, random.finalIou(), 1e-9);
		assertEquals(30, random.finalLabelled());
		assertEquals(0.415, random.auc(), 1e-9);
		assertEquals(0.515, two.auc(), 1e-9);
		assertTrue(Double.isNaN(two.ratioToRandom90()), "random did not reach");
		// round 1 = the second point; seeds 0.41 and 0.42 bound its interval
		assertEquals(20, random.round1().labelled());
		assertEquals(0.415, random.round1().iou(), 1e-9);
		assertEquals(0.41, random.round1().ci().lo(), 1e-9);
		assertEquals(0.42, random.round1().ci().hi(), 1e-9);
		assertEquals(0.515, two.round1().iou(), 1e-9);
		assertEquals(10, two.round0().labelled());
		assertEquals(0.315, two.round0().iou(), 1e-9);

		// at full IoU 0.6, random reaches 90 % (0.54) at 10+10*(0.54-0.415)/0.2
		final List<StrategySummary> t = Summaries.summarise(CurvesTest.sample(),
			0.6);
		final double r90 = 20 + 10 * (0.54 - 0.415) / 0.2;
		final double t90 = 20 + 10 * (0.54 - 0.515) / 0.2;
		assertEquals(r90, t.get(0).patchesTo90(), 1e-9);
		assertEquals(1, t.get(0).ratioToRandom90(), 1e-12);
		assertEquals(t90 / r90, t.get(1).ratioToRandom90(), 1e-9);

		final Path f = dir.resolve("summary.csv");
		Summaries.write(s, 0.7, f);
		final List<String> lines = Files.readAllLines(f);
		assertEquals(Summaries.HEADER, lines.get(0));
		assertEquals(3, lines.size());
		final String[] randomRow = lines.get(1).split(",", -1);
		assertEquals(Summaries.HEADER.split(",").length, randomRow.length);
		assertEquals("random", randomRow[0]);
		assertEquals("NA", randomRow[5], "not reached");
		assertEquals(0.7, Double.parseDouble(randomRow[4]), 1e-9);
		assertEquals(0.415, Double.parseDouble(randomRow[21]), 1e-9);
	}

	@Test
	void badFullIouIsAUserError() {
		assertThrows(UserException.class, () -> Summaries.summarise(CurvesTest
			.sample(), 0));
		assertThrows(UserException.class, () -> Summaries.summarise(CurvesTest
			.sample(), Double.NaN));
	}
}
