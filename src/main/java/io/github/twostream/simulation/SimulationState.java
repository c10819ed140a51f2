package io.github.twostream.simulation;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.twostream.util.UserException;

/**
 * The finished rounds of a simulation, for resuming after a crash or a
 * cancel.
 * <p>
 * NB: the store is {@code curves.csv} itself: each finished round is
 * appended as one line and forced to disk, so whatever the file holds is
 * done. Opening re-reads it (dropping a torn last line) and the simulator
 * skips every (strategy, seed, round) that {@link #isDone} reports. Rounds of
 * one (strategy, seed) must be recorded in order, as they run.
 * </p>
 */
public final class SimulationState {

	private final Path file;
	private final List<CurvePoint> points;
	private final Map<String, Integer> finished = new HashMap<>();

	private SimulationState(final Path file, final List<CurvePoint> points) {
		this.file = file;
		this.points = new ArrayList<>(points);
		for (final CurvePoint p : points)
			finished.merge(key(p.strategy(), p.seed()), 1, Integer::sum);
	}

	/**
	 * Opens (or creates, with its header) the {@code curves.csv} at
	 * {@code file}.
	 */
	public static SimulationState open(final Path file) {
		try {
			if (!Files.exists(file) || Files.size(file) == 0) {
				final Path dir = file.toAbsolutePath().getParent();
				if (dir != null) Files.createDirectories(dir);
				Files.writeString(file, Curves.HEADER + "\n", StandardCharsets.UTF_8);
				return new SimulationState(file, List.of());
			}
			final boolean torn = Curves.torn(file);
			final Curves curves = Curves.read(file);
			final SimulationState state = new SimulationState(file, curves.points());
			// NB: torn: so the next append starts a fresh line; an older header:
			// so every line has the same columns
			if (torn || !Files.readAllLines(file).get(0).strip().equals(
				Curves.HEADER)) state.rewrite();
			return state;
		}
		catch (final IOException e) {
			throw new UserException("Cannot use " + file + ": " + e.getMessage(),
				"check that the output folder is writable", e);
		}
	}

	/** True if this round has already been recorded. */
	public boolean isDone(final String strategy, final long seed,
		final int round)
	{
		return round < finishedRounds(strategy, seed);
	}

	/** Number of recorded rounds of (strategy, seed). */
	public int finishedRounds(final String strategy, final long seed) {
		return finished.getOrDefault(key(strategy, seed), 0);
	}

	/**
	 * Appends a finished round and forces it to disk.
	 *
	 * @throws IllegalArgumentException if it is not the next round of its
	 *           (strategy, seed)
	 */
	public synchronized void record(final CurvePoint p) {
		final int next = finishedRounds(p.strategy(), p.seed());
		if (p.round() != next) throw new IllegalArgumentException("Round " + p
			.round() + " of " + p.strategy() + "/" + p.seed() +
			" recorded out of order (next is " + next + ")");
		final byte[] line = (Curves.line(p) + "\n").getBytes(
			StandardCharsets.UTF_8);
		try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
			out.write(line);
			out.flush();
			out.getChannel().force(true);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		points.add(p);
		finished.merge(key(p.strategy(), p.seed()), 1, Integer::sum);
	}

	/** Everything recorded so far. */
	public synchronized Curves curves() {
		return new Curves(points);
	}

	public Path file() {
		return file;
	}

	private void rewrite() throws IOException {
		new Curves(points).write(file);
	}

	private static String key(final String strategy, final long seed) {
		return strategy + "\u0000" + seed;
	}
}
