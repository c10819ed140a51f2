package io.github.twostream.simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.twostream.model.TaskModel;
import io.github.twostream.util.Progress;

/**
 * Round 0 shared by the strategies of a seed: every strategy starts from the
 * same random initial set with the same seeds, so its model is the same; it
 * is trained once and kept in
 * {@code OUT/round0/seed-<seed>/model/}. Saves one training per extra
 * strategy and seed (1/20 of a 20-round run's training). NB: its evaluation
 * is not shared: prediction advances TF's stateful dropout RNG, so every
 * run evaluates, as before, to keep its MC-dropout passes (and resume)
 * exact.
 * NB: the simulator's {@code run.txt} guards the settings they depend on.
 * Synchronised, so parallel runs of one seed train it once (the others wait).
 */
final class RoundZero {

	private final Path root;
	private final Progress progress;

	RoundZero(final Path root, final Progress progress) {
		this.root = root;
		this.progress = progress;
	}

	/** The round-0 checkpoint of {@code seed}, trained (and closed) if missing. */
	synchronized Path model(final long seed, final Supplier<TaskModel> train) {
		final Path dir = root.resolve("seed-" + seed).resolve("model");
		if (Files.isDirectory(dir)) {
			progress.status("Round 0 of seed " + seed + ": shared model " + dir);
			return dir;
		}
		try (TaskModel m = train.get()) {
			SimulationFiles.writeFolder(dir, m::save);
		}
		return dir;
	}
}
