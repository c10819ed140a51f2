package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.twostream.loop.Evaluation;
import io.github.twostream.model.TaskModel;
import io.github.twostream.util.Progress;

/**
 * Round 0 shared by the strategies of a seed: every strategy starts from the
 * same random initial set with the same seeds, so its model and test scores
 * are the same; they are computed once and kept in
 * {@code OUT/round0/seed-<seed>/} ({@code model/} checkpoint,
 * {@code scores.csv} with the TP/FP/FN counts). Saves one training and one
 * evaluation per extra strategy and seed (1/20 of a 20-round run each).
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

	/** The round-0 test scores of {@code seed}, evaluated if missing. */
	synchronized Evaluation.Scores scores(final long seed,
		final Supplier<Evaluation.Scores> evaluate)
	{
		final Path file = root.resolve("seed-" + seed).resolve("scores.csv");
		try {
			if (Files.exists(file)) {
				final String[] f = Files.readAllLines(file, StandardCharsets.UTF_8)
					.get(1).split(",");
				return new Evaluation.Scores(Long.parseLong(f[0]), Long.parseLong(f[1]),
					Long.parseLong(f[2]));
			}
		}
		catch (final IOException | RuntimeException e) {
			// NB: an unreadable cache is recomputed and overwritten
		}
		final Evaluation.Scores s = evaluate.get();
		try {
			Files.createDirectories(file.getParent());
		}
		catch (final IOException e) {
			// NB: the write below reports it
		}
		SimulationFiles.write(file, "tp,fp,fn\n" + s.truePositives() + "," + s
			.falsePositives() + "," + s.falseNegatives() + "\n");
		return s;
	}
}
