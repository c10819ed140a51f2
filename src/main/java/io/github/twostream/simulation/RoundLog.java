package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.UserException;

/**
 * The patches acquired per round of one (strategy, seed), in
 * {@code rounds/<strategy>-<seed>.csv}: one line {@code round,id id id ...}
 * per round (round 0 = the initial random set), in acquisition order. With
 * it a resumed run rebuilds the labelled set exactly, in the same order.
 * Rewritten atomically on every change (it is small).
 */
final class RoundLog {

	static final String HEADER = "round,patch_ids";

	private final Path file;
	private final List<int[]> rounds = new ArrayList<>();

	private RoundLog(final Path file) {
		this.file = file;
	}

	/** Reads the log at {@code file}, or starts an empty one. */
	static RoundLog open(final Path file) {
		final RoundLog log = new RoundLog(file);
		if (!Files.exists(file)) return log;
		try {
			final List<String> lines = Files.readAllLines(file,
				StandardCharsets.UTF_8);
			for (int i = 1; i < lines.size(); i++) {
				final String line = lines.get(i).strip();
				if (line.isEmpty()) continue;
				final String[] f = line.split(",", -1);
				if (f.length != 2 || Integer.parseInt(f[0]) != log.rounds.size())
					throw new NumberFormatException();
				log.rounds.add(f[1].isBlank() ? new int[0] : Arrays.stream(f[1].strip()
					.split(" ")).mapToInt(Integer::parseInt).toArray());
			}
			return log;
		}
		catch (final IOException | NumberFormatException e) {
			throw new UserException(file + " is damaged (" + e.getMessage() + ")",
				"delete it and this strategy's lines from curves.csv to rerun it");
		}
	}

	/** Number of rounds recorded. */
	int size() {
		return rounds.size();
	}

	/** The ids acquired in {@code round}. */
	int[] round(final int round) {
		return rounds.get(round).clone();
	}

	/** Keeps only the first {@code n} rounds (drops unfinished ones). */
	void truncate(final int n) {
		if (rounds.size() <= n) return;
		rounds.subList(n, rounds.size()).clear();
		save();
	}

	/** Appends the ids of the next round and saves. */
	void append(final int[] ids) {
		rounds.add(ids.clone());
		save();
	}

	private void save() {
		final StringBuilder sb = new StringBuilder(HEADER).append('\n');
		for (int r = 0; r < rounds.size(); r++)
			sb.append(r).append(',').append(Arrays.stream(rounds.get(r)).mapToObj(
				Integer::toString).collect(Collectors.joining(" "))).append('\n');
		try {
			AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + file + ": " + e.getMessage(),
				"check that the output folder is writable", e);
		}
	}
}
