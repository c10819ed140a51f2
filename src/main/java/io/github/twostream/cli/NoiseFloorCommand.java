package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.simulation.NoiseFloor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code noise-floor A B}: do two identical simulations (different
 * {@code --run-id}, same seeds) land inside each other's intervals?
 */
@Command(name = "noise-floor", mixinStandardHelpOptions = true,
	description = "Compare two 'simulate' output folders made with identical " +
		"settings except --run-id: 95 %% bootstrap intervals of patches to 90/95 %% " +
		"and AUC per strategy, whether they overlap, and a PASS/FAIL verdict. " +
		"See scripts/noise-floor.sh.")
public class NoiseFloorCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "A", description = "First output folder.")
	Path a;

	@Parameters(index = "1", paramLabel = "B", description = "Second output folder.")
	Path b;

	@Override
	public Integer call() {
		System.out.print(NoiseFloor.report(NoiseFloor.compare(a, b)));
		System.out.print(NoiseFloor.jitterReport(a, b));
		return 0;
	}
}
