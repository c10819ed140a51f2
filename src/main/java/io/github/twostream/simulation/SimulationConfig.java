package io.github.twostream.simulation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.twostream.acquisition.Strategies;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;

/**
 * Settings of a simulated active-learning run.
 *
 * @param strategies strategy names to compare (e.g. random, two-stream)
 * @param budget labelled patches at which a run stops (initial set included)
 * @param step patches acquired per round
 * @param seeds one run per seed and strategy; a seed fixes the initial set,
 *          the strategy's randomness and the training
 * @param initialSize patches labelled before round 0 (random, or as
 *          {@code coldStart} says)
 * @param patchSize patch edge in pixels
 * @param foreground ground-truth value counted as foreground (< 0: any
 *          non-zero)
 * @param quick smaller model and fewer epochs, for smoke runs and CI
 * @param outDir where curves.csv, summary.csv and curves.png go
 * @param coldStart who picks the initial set
 */
public record SimulationConfig(List<String> strategies, int budget, int step,
	List<Long> seeds, int initialSize, int patchSize, int foreground,
	boolean quick, Path outDir, ColdStart coldStart)
{

	/**
	 * Who picks the initial set (round 0) of a (strategy, seed).
	 */
	public enum ColdStart {
			/**
			 * The seed's random set, the same for every strategy (the default):
			 * the curves of a seed start from one point, and round 0 is trained
			 * once per seed.
			 */
			RANDOM,
			/**
			 * The strategy itself, as on a new project: its choice with no task
			 * model and nothing labelled (stream B where it has a cold start,
			 * {@code random} the seed's random set). Measures the cold start.
			 */
			STRATEGY;

		/** The command-line spelling: {@code random} or {@code strategy}. */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** @throws BadArgumentException naming the two values */
		public static ColdStart of(final String id) {
			for (final ColdStart c : values())
				if (c.id().equals(id)) return c;
			throw new BadArgumentException("Cold start '" +
				id + "' is not known", "use random (one random set per seed) or " +
					"strategy (each strategy's own first pick)");
		}
	}

	/**
	 * The strategies a comparison runs by default (CLI and Fiji): the
	 * baselines a reviewer asks for, both streams, and both two-stream
	 * variants.
	 */
	public static final String DEFAULT_STRATEGIES =
		"random,random-fg,uncertainty,bald,two-stream,two-stream-clustering";

	/** Default labelled-patch budget of a comparison (CLI and Fiji). */
	public static final int DEFAULT_BUDGET = 200;

	/** Default patches per round, also the initial set's size. */
	public static final int DEFAULT_STEP = 10;

	/** Default number of seeds: the quiet protocol's minimum. */
	public static final int DEFAULT_SEEDS = 5;

	/** With the seed's random initial set ({@link ColdStart#RANDOM}). */
	public SimulationConfig(final List<String> strategies, final int budget,
		final int step, final List<Long> seeds, final int initialSize,
		final int patchSize, final int foreground, final boolean quick,
		final Path outDir)
	{
		this(strategies, budget, step, seeds, initialSize, patchSize, foreground,
			quick, outDir, ColdStart.RANDOM);
	}

	public SimulationConfig {
		if (coldStart == null) coldStart = ColdStart.RANDOM;
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
