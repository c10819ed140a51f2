package io.github.twostream.simulation;

import java.nio.file.Path;
import java.util.List;

import io.github.twostream.acquisition.Strategies;
import io.github.twostream.util.UserException;

/**
 * Settings of a simulated active-learning run.
 *
 * @param strategies strategy names to compare (e.g. random, two-stream)
 * @param budget labelled patches at which a run stops (initial set included)
 * @param step patches acquired per round
 * @param seeds one run per seed and strategy; a seed fixes the initial set,
 *          the strategy's randomness and the training
 * @param initialSize randomly chosen patches labelled before round 0
 * @param patchSize patch edge in pixels
 * @param foreground ground-truth value counted as foreground (< 0: any
 *          non-zero)
 * @param quick smaller model and fewer epochs, for smoke runs and CI
 * @param outDir where curves.csv, summary.csv and curves.png go
 */
public record SimulationConfig(List<String> strategies, int budget, int step,
	List<Long> seeds, int initialSize, int patchSize, int foreground,
	boolean quick, Path outDir)
{

	public SimulationConfig {
		strategies = List.copyOf(strategies);
		seeds = List.copyOf(seeds);
		if (strategies.isEmpty()) throw new UserException(
			"No strategies to simulate", "name at least one, e.g. random,two-stream");
		for (final String s : strategies)
			Strategies.byName(s); // NB: throws with the list of valid names
		if (seeds.isEmpty()) throw new UserException("No seeds to simulate",
			"give at least one seed");
		if (step < 1) throw new UserException("Step " + step + " is too small",
			"acquire at least one patch per round");
		if (initialSize < 0) throw new UserException("Initial set size " +
			initialSize + " is negative", "use 0 or more");
		if (budget < initialSize + step) throw new UserException("Budget " +
			budget + " leaves no room for a round after the initial " +
			initialSize + " patches", "use a budget of at least " + (initialSize +
				step));
		if (patchSize < 2) throw new UserException("Patch size " + patchSize +
			" is too small", "use e.g. 64");
		if (outDir == null) throw new UserException("No output folder given",
			"pass --out DIR");
	}

	/**
	 * Number of rounds per (strategy, seed), round 0 being the initial set:
	 * {@code 1 + ceil((budget - initialSize) / step)}.
	 */
	public int rounds() {
		return 1 + (budget - initialSize + step - 1) / step;
	}

	/** Labelled patches after {@code round} (the last round is capped at the budget). */
	public int labelledAfter(final int round) {
		return Math.min(budget, initialSize + round * step);
	}

	public Path curvesCsv() {
		return outDir.resolve("curves.csv");
	}

	public Path summaryCsv() {
		return outDir.resolve("summary.csv");
	}

	public Path curvesPng() {
		return outDir.resolve("curves.png");
	}
}
