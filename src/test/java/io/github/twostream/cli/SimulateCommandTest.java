package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.simulation.Curves;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;

/** {@code twostream simulate}: exit codes and a tiny real run. */
class SimulateCommandTest {

	@TempDir
	Path tmp;

	List<String> args(final String... extra) {
		final List<String> a = new ArrayList<>(List.of("simulate", "--image",
			"test-data/train-volume.tif", "--labels", "test-data/train-labels.tif",
			"--test-image", "test-data/test-volume.tif", "--test-labels",
			"test-data/test-labels.tif", "--out", tmp.resolve("out").toString()));
		a.addAll(List.of(extra));
		return a;
	}

	@Test
	void badArgumentsExitWith2() {
		final Cli.Run r = Cli.run(args("--seeds", "many").toArray(String[]::new));
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("--seeds"), r.err());
	}

	@Test
	void badInputExitsWith1WithOneLine() {
		Cli.Run r = Cli.run(args("--quick", "--strategies", "nonsense").toArray(
			String[]::new));
		assertEquals(2, r.code(), r.err()); // NB: a bad argument (issue 14)
		assertTrue(r.err().contains("Unknown acquisition strategy 'nonsense'"), r
			.err());
		r = Cli.run(args("--quick", "--budget", "5000").toArray(String[]::new));
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("larger than the pool (256 patches)"), r.err());
		r = Cli.run(args("--quick", "--train-slices", "10-40").toArray(
			String[]::new));
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("goes past its last slice 15"), r.err());
		assertTrue(r.err().strip().lines().count() == 1, r.err());
	}

	@Test
	void quickRunOnSliceRangesPrintsTheSummary() throws Exception {
		// NB: one stack split into training (0-11) and test (12-15) slices
		final Cli.Run r = Cli.run("simulate", "--image",
			"test-data/train-volume.tif", "--labels", "test-data/train-labels.tif",
			"--test-image", "test-data/train-volume.tif", "--test-labels",
			"test-data/train-labels.tif", "--train-slices", "0-11", "--test-slices",
			"12-15", "--strategies", "random", "--seeds", "1", "--budget", "20",
			"--step", "10", "--reference-steps", "60", "--quick", "--out", tmp
				.resolve("split").toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("full supervision IoU"), r.out());
		assertTrue(r.out().contains("wall time"), r.out());
		final Curves c = Curves.read(tmp.resolve("split/curves.csv"));
		assertEquals(2, c.points().size());
		assertTrue(Files.size(tmp.resolve("split/curves.png")) > 0);
		assertTrue(Files.readString(tmp.resolve("split/run.txt")).contains(
			"train_slices=0-11"));

		// summarise rewrites the same reports from the folder, training nothing
		final Path summary = tmp.resolve("split/summary.csv");
		final String written = Files.readString(summary);
		final String[] row = written.lines().skip(1).findFirst().orElseThrow()
			.split(",", -1);
		assertEquals("20", row[20], "round 1 = initial set + one round: " + written);
		assertEquals(c.points().get(1).iou(), Double.parseDouble(row[21]), 1e-6);
		assertEquals(c.points().get(0).iou(), Double.parseDouble(row[17]), 1e-6);
		Files.delete(summary);
		Files.delete(tmp.resolve("split/curves.png"));
		final Cli.Run again = Cli.run("summarise", tmp.resolve("split").toString());
		assertEquals(0, again.code(), again.err());
		assertEquals(written, Files.readString(summary));
		assertTrue(Files.size(tmp.resolve("split/curves.png")) > 0);
		assertTrue(again.out().contains("first two points: patches iou"), again.out());
		// per seed: the one curve's last point
		final Cli.Run seeds = Cli.run("summarise", "--per-seed", tmp.resolve(
			"split").toString());
		assertEquals(0, seeds.code(), seeds.err());
		assertTrue(seeds.out().lines().anyMatch(l -> l.matches(
			"random +1 +20 +" + String.format(java.util.Locale.ROOT, "%.4f", c
				.points().get(1).iou()) + " .*")), seeds.out());
		// another annotation pace: the minutes change, curves.csv does not
		final String curves = Files.readString(tmp.resolve("split/curves.csv"));
		final Cli.Run paced = Cli.run("summarise", "--annotation-cost", "2.5,0.04",
			tmp.resolve("split").toString());
		assertEquals(0, paced.code(), paced.err());
		assertTrue(paced.out().contains(
			"annotation minutes at 2.50 s per patch + 0.0400 s per outline pixel"),
			paced.out());
		assertEquals(curves, Files.readString(tmp.resolve("split/curves.csv")));
		// what the picks contain, counted here from the labels with ImageJ
		final Cli.Run picks = Cli.run("summarise", "--picks", "--per-seed", tmp
			.resolve("split").toString());
		assertEquals(0, picks.code(), picks.err());
		final double[] fg = foregroundOfPatches("test-data/train-labels.tif", 12);
		double pool = 0, start = 0, round1 = 0;
		for (final double f : fg)
			pool += f;
		final List<String> rounds = Files.readAllLines(tmp.resolve(
			"split/rounds/random-1.csv"));
		for (final String id : rounds.get(1).split(",")[1].split(" "))
			start += fg[Integer.parseInt(id)] / 10;
		for (final String id : rounds.get(2).split(",")[1].split(" "))
			round1 += fg[Integer.parseInt(id)] / 10;
		final String poolShare = String.format(java.util.Locale.ROOT, "%.3f", pool /
			fg.length);
		assertTrue(picks.out().lines().anyMatch(l -> l.matches("pool +" +
			poolShare + " / .*")), poolShare + "\n" + picks.out());
		final String pickRow = String.format(java.util.Locale.ROOT,
			"random +1 +1 +%.3f / \\S+ +%.3f / \\S+ +-", start, round1);
		assertTrue(picks.out().lines().anyMatch(l -> l.strip().matches(pickRow)), pickRow +
			"\n" + picks.out());
		final String seedRow = String.format(java.util.Locale.ROOT,
			"seed 1 +%.3f / \\S+ +%.3f / \\S+ +-", start, round1);
		assertTrue(picks.out().lines().anyMatch(l -> l.strip().matches(seedRow)),
			seedRow + "\n" + picks.out());
		// the labels named in run.txt are gone: one line naming the path
		final Path moved = tmp.resolve("moved");
		copyFolder(tmp.resolve("split"), moved);
		Files.writeString(moved.resolve("run.txt"), Files.readString(moved.resolve(
			"run.txt")).replaceAll("(?m)^labels=.*$", "labels=gone/train-labels.tif"));
		final Cli.Run lost = Cli.run("summarise", "--picks", moved.toString());
		assertEquals(1, lost.code(), lost.err());
		assertTrue(lost.err().contains("gone/train-labels.tif"), lost.err());
		assertEquals(1, lost.err().strip().lines().count(), lost.err());
		// one strategy, one seed: no pairs to compare, one line naming the fix,
		// and the reports are not rewritten
		Files.delete(summary);
		final Cli.Run pairs = Cli.run("summarise", "--compare", "random,two-stream",
			tmp.resolve("split").toString());
		assertEquals(1, pairs.code(), pairs.err());
		assertTrue(pairs.err().contains("Strategy two-stream is not in these curves"),
			pairs.err());
		assertTrue(!Files.exists(summary), "no reports after a bad --compare");
		final Cli.Run badCost = Cli.run("summarise", "--annotation-cost", "fast",
			tmp.resolve("split").toString());
		assertEquals(1, badCost.code(), badCost.err());
		assertTrue(badCost.err().contains("is not BASE,PER_PIXEL"), badCost.err());
		assertEquals(1, badCost.err().strip().lines().count(), badCost.err());
		final Cli.Run none = Cli.run("summarise", tmp.toString());
		assertEquals(1, none.code(), none.err());
		assertTrue(none.err().contains("No curves.csv in"), none.err());
		assertEquals(1, none.err().strip().lines().count(), none.err());
	}

	static void copyFolder(final Path from, final Path to) throws Exception {
		try (var files = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) files::iterator)
				Files.copy(p, to.resolve(from.relativize(p).toString()));
		}
	}

	/**
	 * The foreground fraction (value 255) of every 64 px patch of the first
	 * {@code slices} slices, in the simulator's pool order.
	 */
	static double[] foregroundOfPatches(final String labels, final int slices) {
		final ij.ImagePlus imp = ij.IJ.openImage(labels);
		final PatchGrid grid = new PatchGrid(slices, imp.getHeight(), imp
			.getWidth(), 64, 64);
		final double[] fg = new double[grid.size()];
		for (final Patch p : grid.patches()) {
			final ij.process.ImageProcessor ip = imp.getStack().getProcessor(p.z() +
				1);
			int c = 0;
			for (int y = p.y(); y < p.y() + p.h(); y++)
				for (int x = p.x(); x < p.x() + p.w(); x++)
					if (ip.get(x, y) == 255) c++;
			fg[p.id()] = c / (double) (p.w() * p.h());
		}
		imp.close();
		return fg;
	}

	@Test
	void theLoopsPresetCanBeSimulated() throws Exception {
		final Cli.Run r = Cli.run(args("--preset", "fast", "--quick",
			"--strategies", "random", "--seeds", "1", "--budget", "20", "--step",
			"10", "--train-steps", "4", "--reference-steps", "4",
			"--reference-patches", "16", "--eval-slices", "1").toArray(
				String[]::new));
		assertEquals(0, r.code(), r.err());
		assertEquals(2, Curves.read(tmp.resolve("out/curves.csv")).points()
			.size());
		assertTrue(Files.readString(tmp.resolve("out/run.txt")).contains(
			"preset=ModelPreset[name=fast,"));
		final Cli.Run bad = Cli.run(args("--preset", "huge").toArray(
			String[]::new));
		assertEquals(2, bad.code(), bad.err());
		assertTrue(bad.err().contains("unknown model preset 'huge'"), bad.err());
	}
}
