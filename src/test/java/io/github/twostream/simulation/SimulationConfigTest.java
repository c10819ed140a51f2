package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImageStack;
import ij.process.ByteProcessor;

import io.github.twostream.util.UserException;
import io.github.twostream.volume.Patch;

class SimulationConfigTest {

	private static SimulationConfig config(final List<String> strategies,
		final int budget, final int step, final int initial)
	{
		return new SimulationConfig(strategies, budget, step, List.of(1L, 2L),
			initial, 64, 255, true, Path.of("out"));
	}

	@Test
	void roundsAndLabelledCounts() {
		final SimulationConfig c = config(List.of("random", "two-stream"), 100,
			20, 10);
		assertEquals(6, c.rounds()); // 10, 30, 50, 70, 90, 100
		assertEquals(10, c.labelledAfter(0));
		assertEquals(90, c.labelledAfter(4));
		assertEquals(100, c.labelledAfter(5));
		assertEquals(Path.of("out", "curves.csv"), c.curvesCsv());
	}

	@Test
	void presetsAreStatedSettingsOfTheOneRecipe() {
		final SimulationTuning quiet = SimulationTuning.defaults(false);
		final var q = quiet.modelPreset(64);
		assertEquals(SimulationTuning.QUIET, q.name());
		assertEquals(0, q.contextMargin());
		assertEquals(3, q.unet().depth());
		assertEquals(16, q.unet().baseFilters());
		assertEquals(100, quiet.trainSteps());
		assertEquals(5, quiet.averaging());
		// the loop's preset exactly: its network, context and budget, no averaging
		final SimulationTuning fast = SimulationTuning.defaults(false, "FAST");
		assertEquals(io.github.twostream.model.ModelPreset.fast(64), fast
			.modelPreset(64));
		assertEquals(0, fast.trainSteps());
		assertEquals(0, fast.averaging());
		assertEquals(40, SimulationTuning.defaults(true, "fast").trainSteps());
		assertThrows(io.github.twostream.util.BadArgumentException.class,
			() -> SimulationTuning.defaults(false, "huge"));
		final UserException e = assertThrows(UserException.class, () -> quiet
			.withTrainSteps(8));
		assertTrue(e.getMessage().contains("second half of 8 steps"), e
			.getMessage());
	}

	@Test
	void badSettingsAreUserErrors() {
		final UserException e = assertThrows(UserException.class, () -> config(List
			.of("random", "nope"), 100, 20, 10));
		assertTrue(e.getMessage().contains("two-stream"), e.getMessage());
		assertThrows(UserException.class, () -> config(List.of(), 100, 20, 10));
		assertThrows(UserException.class, () -> config(List.of("random"), 100, 0,
			10));
		assertThrows(UserException.class, () -> config(List.of("random"), 15, 10,
			10));
		assertThrows(UserException.class, () -> new SimulationConfig(List.of(
			"random"), 100, 20, List.of(), 10, 64, 255, true, Path.of("o")));
	}

	@Test
	void stackOracleReadsTheGroundTruthPatch() {
		final ImageStack gt = new ImageStack(8, 6);
		for (int z = 0; z < 2; z++) {
			final ByteProcessor bp = new ByteProcessor(8, 6);
			for (int y = 0; y < 6; y++)
				for (int x = 0; x < 8; x++)
					bp.set(x, y, (x + y + z) % 3 == 0 ? 255 : (x == y ? 7 : 0));
			gt.addSlice(bp);
		}
		final Patch p = new Patch(3, 1, 2, 4, 3, 4);
		final byte[] mask = new StackOracle(gt, 255).annotate(p);
		assertEquals(12, mask.length);
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 4; x++)
				assertEquals((x + 4 + y + 2 + 1) % 3 == 0 ? 1 : 0, mask[y * 4 + x]);
		final byte[] any = new StackOracle(gt, -1).annotate(new Patch(0, 0, 0, 0, 2,
			2));
		assertArrayEquals(new byte[] { 1, 0, 0, 1 }, any); // 255, 0 / 0, 7
		assertThrows(UserException.class, () -> new StackOracle(gt, 255).annotate(
			new Patch(9, 2, 0, 0, 2, 2)));
	}
}
