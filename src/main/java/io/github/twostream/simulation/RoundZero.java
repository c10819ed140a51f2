package io.github.twostream.simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.twostream.model.TaskModel;
import io.github.twostream.util.Progress;

/**
 * Round 0 shared by the strategies of a seed: every strategy starts from the
 * same random initial set with the same seeds, so its model is the same; it
 * is trained once and kept in
 * {@code OUT/round0/seed-<seed>/model/} (with the strategies' own cold
 * starts, one folder per seed and initial set, {@code seed-<seed>-<hash>},
 * shared by the strategies that chose the same set). Saves one training per extra
 * strategy and seed (1/20 of a 20-round run's training). NB: its evaluation
 * is not shared: prediction advances TF's stateful dropout RNG, so every
 * run evaluates, as before, to keep its MC-dropout passes (and resume)
 * exact.
 * NB: the simulator's {@code run.txt} guards the settings they depend on.
 * Locked per folder, so parallel runs of one seed train it once (the others
 * wait) while another folder can train at the same time.
 */
final class RoundZero {

	private final Path root;
	private final Progress progress;
	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	RoundZero(final Path root, final Progress progress) {
		this.root = root;
		this.progress = progress;
	}

	/**
	 * The round-0 checkpoint {@code name} (e.g. {@code seed-1}), trained (and
	 * closed) if missing.
	 */
	Path model(final String name, final Supplier<TaskModel> train) {
		synchronized (locks.computeIfAbsent(name, n -> new Object())) {
			return modelLocked(name, train);
		}
	}

	private Path modelLocked(final String name, final Supplier<TaskModel> train) {
		final Path dir = root.resolve(name).resolve("model");
		if (Files.isDirectory(dir)) {
			progress.status("Round 0 (" + name + "): shared model " + dir);
			return dir;
		}
		try (TaskModel m = train.get()) {
			SimulationFiles.writeFolder(dir, m::save);
		}
		return dir;
	}
}
