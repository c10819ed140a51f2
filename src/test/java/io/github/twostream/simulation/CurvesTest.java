package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;

class CurvesTest {

	@TempDir
	Path dir;

	/**
	 * Two strategies x two seeds x three rounds, IoU rising with labels; no
	 * annotation seconds (NaN).
	 */
	static Curves sample() {
		final List<CurvePoint> p = new ArrayList<>();
		for (final String s : List.of("random", "two-stream"))
			for (long seed = 1; seed <= 2; seed++)
				for (int r = 0; r < 3; r++) {
					final double iou = (s.equals("random") ? 0.2 : 0.3) + 0.2 * r + 0.01 *
						seed;
					p.add(new CurvePoint(s, seed, r, 10 + 10 * r, iou, 2 * iou / (1 +
						iou), 1.5 + r, Double.NaN, 0.4 + 0.05 * r, iou - 0.01, iou + 0.02));
				}
		return new Curves(p);
	}

	@Test
	void csvRoundTrip() throws Exception {
		final Curves c = sample();
		final Path f = dir.resolve("curves.csv");
		c.write(f);
		final List<String> lines = Files.readAllLines(f);
		assertEquals("strategy,seed,labelled_patches,iou,dice,round_seconds," +
			"simulated_annotation_seconds,threshold,iou_at_half,oracle_iou", lines
				.get(0));
		assertEquals(13, lines.size());
		final Curves back = Curves.read(f);
		assertEquals(c.points().size(), back.points().size());
		for (int i = 0; i < c.points().size(); i++) {
			final CurvePoint a = c.points().get(i), b = back.points().get(i);
			assertEquals(a.strategy(), b.strategy());
			assertEquals(a.seed(), b.seed());
			assertEquals(a.round(), b.round(), "round from row order");
			assertEquals(a.labelledPatches(), b.labelledPatches());
			assertEquals(a.iou(), b.iou(), 1e-6);
			assertEquals(a.dice(), b.dice(), 1e-6);
			assertEquals(a.roundSeconds(), b.roundSeconds(), 1e-6);
			assertTrue(Double.isNaN(b.annotationSeconds()));
			assertEquals(a.threshold(), b.threshold(), 1e-6);
			assertEquals(a.iouAtHalf(), b.iouAtHalf(), 1e-6);
			assertEquals(a.oracleIoU(), b.oracleIoU(), 1e-6);
		}
		assertEquals(List.of("random", "two-stream"), back.strategies());
	}

	@Test
	void olderFilesAreReadWithNaNAndUpgradedOnResume() throws Exception {
		final Path v1 = dir.resolve("v1.csv"), v2 = dir.resolve("v2/curves.csv");
		Files.writeString(v1, Curves.HEADER_V1 + "\nrandom,1,10,0.5,0.6,2\n");
		final CurvePoint a = Curves.read(v1).points().get(0);
		assertEquals(0.5, a.iou(), 1e-9);
		assertTrue(Double.isNaN(a.annotationSeconds()) && Double.isNaN(a
			.threshold()) && Double.isNaN(a.iouAtHalf()) && Double.isNaN(a
				.oracleIoU()), a.toString());
		Files.createDirectories(v2.getParent());
		Files.writeString(v2, Curves.HEADER_V2 +
			"\nrandom,1,10,0.5,0.6,2,400\nrandom,1,20,0.6,0.7,2,800\n");
		final SimulationState s = SimulationState.open(v2);
		assertEquals(2, s.finishedRounds("random", 1));
		s.record(new CurvePoint("random", 1, 2, 30, 0.65, 0.75, 2, 1200, 0.45,
			0.62, 0.7));
		final List<String> lines = Files.readAllLines(v2);
		assertEquals(Curves.HEADER, lines.get(0), "upgraded header");
		assertEquals(List.of("random,1,10,0.5,0.6,2,400,NaN,NaN,NaN",
			"random,1,20,0.6,0.7,2,800,NaN,NaN,NaN",
			"random,1,30,0.65,0.75,2,1200,0.45,0.62,0.7"), lines.subList(1, 4));
		final CurvePoint b = Curves.read(v2).points().get(2);
		assertEquals(0.45, b.threshold(), 1e-9);
		assertEquals(0.62, b.iouAtHalf(), 1e-9);
		assertEquals(0.7, b.oracleIoU(), 1e-9);
	}

	@Test
	void malformedFilesAreUserErrors() throws Exception {
		final Path f = dir.resolve("bad.csv");
		Files.writeString(f, "a,b\n1,2\n");
		assertThrows(UserException.class, () -> Curves.read(f));
		Files.writeString(f, Curves.HEADER + "\nrandom,1,ten,0.5,0.6,1\n");
		final UserException e = assertThrows(UserException.class, () -> Curves
			.read(f));
		assertTrue(e.getMessage().contains("line 2"), e.getMessage());
		assertThrows(UserException.class, () -> Curves.line(new CurvePoint("a,b",
			1, 0, 1, 0, 0, 0)));
	}

	@Test
	void stateResumesAndSkipsFinishedRounds() throws Exception {
		final Path f = dir.resolve("out/curves.csv");
		final SimulationState s = SimulationState.open(f);
		assertFalse(s.isDone("random", 1, 0));
		s.record(new CurvePoint("random", 1, 0, 10, 0.3, 0.4, 2));
		s.record(new CurvePoint("random", 1, 1, 20, 0.5, 0.6, 2));
		s.record(new CurvePoint("two-stream", 1, 0, 10, 0.4, 0.5, 2));
		assertThrows(IllegalArgumentException.class, () -> s.record(
			new CurvePoint("random", 1, 3, 40, 0.5, 0.6, 2)));

		// a crash in the middle of the next append leaves a torn line
		Files.writeString(f, "two-stream,1,20,0.", java.nio.file.StandardOpenOption.APPEND);
		final SimulationState resumed = SimulationState.open(f);
		assertTrue(resumed.isDone("random", 1, 0));
		assertTrue(resumed.isDone("random", 1, 1));
		assertFalse(resumed.isDone("random", 1, 2));
		assertTrue(resumed.isDone("two-stream", 1, 0));
		assertFalse(resumed.isDone("two-stream", 1, 1), "torn line is not done");
		assertFalse(resumed.isDone("random", 2, 0), "other seed");
		assertEquals(2, resumed.finishedRounds("random", 1));
		resumed.record(new CurvePoint("two-stream", 1, 1, 20, 0.55, 0.7, 3));

		final Curves all = Curves.read(f);
		assertEquals(4, all.points().size());
		final CurvePoint last = all.points().get(3);
		assertEquals(1, last.round());
		assertEquals(0.55, last.iou(), 1e-9);
		assertTrue(Files.readString(f).endsWith("\n"));
	}

	@Test
	void unwritableOutputIsAUserError() throws Exception {
		final Path file = dir.resolve("file");
		Files.writeString(file, "x");
		assertThrows(UserException.class, () -> SimulationState.open(file
			.resolve("curves.csv")));
	}
}
