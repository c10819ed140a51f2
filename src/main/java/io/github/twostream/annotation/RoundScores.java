package io.github.twostream.annotation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.store.QueryRound;
import io.github.twostream.store.StreamScores;
import io.github.twostream.store.SuggestionRecord;

/**
 * Every patch's scores of one round, by patch id (NaN where a stream gave
 * none): what the patch heatmap layers show.
 * <p>
 * A round computed in this session has every patch's scores; the session also
 * writes them to {@code suggestions/round-N/scores.csv} (the file the Fiji
 * command writes too), so a reopened project shows them again. Without the
 * file only the recorded suggestions have scores.
 * </p>
 */
public record RoundScores(int round, double[] combined, double[] streamA,
	double[] streamB)
{

	/** File name of every patch's scores of a round, as {@link SuggestionResult#writeCsv} writes it. */
	public static final String SCORES_CSV = "scores.csv";

	/** The scores of {@code layer} (not for {@link HeatmapLayer#PIXEL_ENTROPY}). */
	public double[] of(final HeatmapLayer layer) {
		return switch (layer) {
			case COMBINED -> combined;
			case STREAM_A -> streamA;
			case STREAM_B -> streamB;
			case PIXEL_ENTROPY -> throw new IllegalArgumentException(
				"pixel entropy is per pixel, not per patch");
		};
	}

	/** No round yet: every score NaN. */
	public static RoundScores none(final int patches) {
		return new RoundScores(0, nan(patches), nan(patches), nan(patches));
	}

	public static RoundScores of(final SuggestionResult r) {
		return new RoundScores(r.round(), r.combined(), r.entropy(), r
			.typicality());
	}

	/** Where a round's scores file lives in the project. */
	public static Path file(final Path projectDir, final int round) {
		return projectDir.resolve("suggestions").resolve("round-" + round).resolve(
			SCORES_CSV);
	}

	/**
	 * The round's scores from its scores file if it is there and readable, else
	 * the recorded suggestions' scores only.
	 */
	public static RoundScores load(final Path projectDir, final QueryRound q,
		final int patches)
	{
		final Path csv = file(projectDir, q.round());
		if (Files.isRegularFile(csv)) {
			try {
				return read(csv, q.round(), patches);
			}
			catch (final IOException | RuntimeException e) {
				// NB: a damaged or foreign file: fall back to the recorded scores
			}
		}
		final RoundScores s = none(patches);
		for (final SuggestionRecord r : q.suggestions()) {
			if (r.patchId() < 0 || r.patchId() >= patches) continue;
			final StreamScores sc = r.scores();
			s.combined[r.patchId()] = value(sc.combined());
			s.streamA[r.patchId()] = value(sc.entropy());
			s.streamB[r.patchId()] = value(sc.typicality());
		}
		return new RoundScores(q.round(), s.combined, s.streamA, s.streamB);
	}

	static RoundScores read(final Path csv, final int round, final int patches)
		throws IOException
	{
		final RoundScores s = none(patches);
		try (BufferedReader in = Files.newBufferedReader(csv,
			StandardCharsets.UTF_8))
		{
			final List<String> header = Arrays.asList(in.readLine().split(","));
			final int id = header.indexOf("patch_id"), c = header.indexOf("combined"),
					a = header.indexOf("entropy"), b = header.indexOf("typicality");
			if (id < 0 || c < 0 || a < 0 || b < 0) throw new IOException(
				"not a scores file: " + csv);
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				final String[] f = line.split(",", -1);
				final int p = Integer.parseInt(f[id]);
				if (p < 0 || p >= patches) continue;
				s.combined[p] = parse(f[c]);
				s.streamA[p] = parse(f[a]);
				s.streamB[p] = parse(f[b]);
			}
		}
		return new RoundScores(round, s.combined, s.streamA, s.streamB);
	}

	private static double parse(final String s) {
		return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
	}

	private static double value(final Double d) {
		return d == null ? Double.NaN : d;
	}

	private static double[] nan(final int n) {
		final double[] v = new double[n];
		Arrays.fill(v, Double.NaN);
		return v;
	}
}
