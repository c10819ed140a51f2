package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseFloorTest {

	@TempDir
	Path dir;

	private Path folder(final String name, final Curves curves)
		throws Exception
	{
		final Path d = dir.resolve(name);
		Files.createDirectories(d);
		curves.write(d.resolve("curves.csv"));
		Files.writeString(d.resolve("reference.csv"),
			"key,patches,steps,iou,dice,seconds\nk,256,300,0.7,0.8,1\n");
		return d;
	}

	@Test
	void twoDrawsOfTheSameProcessOverlapAndAShiftedOneDoesNot()
		throws Exception
	{
		final Path a = folder("a", BootstrapTest.noisy("random", 5, 11));
		final Path b = folder("b", BootstrapTest.noisy("random", 5, 12));
		final List<NoiseFloor.Row> same = NoiseFloor.compare(a, b);
		assertEquals(3, same.size());
		final NoiseFloor.Row auc = same.get(2);
		assertEquals("auc", auc.figure());
		assertTrue(auc.overlap(), auc.toString());
		assertTrue(NoiseFloor.report(same).contains("PASS"));

		// the same curves 0.15 IoU lower: clearly another strategy
		final List<CurvePoint> low = new ArrayList<>();
		for (final CurvePoint p : BootstrapTest.noisy("random", 5, 12).points())
			low.add(new CurvePoint(p.strategy(), p.seed(), p.round(), p
				.labelledPatches(), p.iou() - 0.15, p.dice(), 1));
		final List<NoiseFloor.Row> shifted = NoiseFloor.compare(a, folder("c",
			new Curves(low)));
		assertFalse(shifted.get(2).overlap(), shifted.get(2).toString());
		assertTrue(NoiseFloor.report(shifted).contains("FAIL"));
	}

	@Test
	void jitterSeesDipsNotSlopes() {
		final List<CurvePoint> smooth = new ArrayList<>(), dip =
			new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			smooth.add(new CurvePoint("s", 1, r, 10 * r + 10, 0.1 * r, 0, 1));
			dip.add(new CurvePoint("s", 1, r, 10 * r + 10, r == 2 ? 0.0 : 0.1 * r,
				0, 1));
		}
		assertEquals(0, NoiseFloor.jitter(new Curves(smooth), "s"), 1e-12);
		// y = 0, 0.1, 0, 0.3, 0.4: |second differences| at r = 1, 2, 3 are
		// 0.2, 0.4, 0.2; halved and averaged 0.8 / 3 / 2
		assertEquals(0.8 / 3 / 2, NoiseFloor.jitter(new Curves(dip), "s"), 1e-12);
	}
}
