package io.github.twostream.simulation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.PatchGrid;

/**
 * What a simulation's picks contain: the ground truth's foreground in the
 * patches each strategy acquired, read from a {@code simulate} output folder
 * (its {@code run.txt}: labels, training slices, foreground value, patch
 * size; its {@code rounds/<strategy>-<seed>.csv}), beside the pool's. Three
 * bands: the initial set (round 0: the shared random start, or the
 * strategy's own cold start), rounds 1-4 and rounds 5 on. NB: this reads
 * ground truth, so it describes a finished comparison; nothing in a run is
 * chosen on it.
 */
public final class PickComposition {

	/** Rounds 1..{@value} are the early band. */
	public static final int EARLY_ROUNDS = 4;

	/**
	 * Patches of one band.
	 *
	 * @param patches how many (over all seeds)
	 * @param foreground mean foreground pixel share of the patches
	 * @param withForeground share of the patches that hold any foreground
	 */
	public record Band(int patches, double foreground, double withForeground) {

		static Band of(final List<Double> fractions) {
			double sum = 0;
			int any = 0;
			for (final double f : fractions) {
				sum += f;
				if (f > 0) any++;
			}
			final int n = fractions.size();
			return new Band(n, n == 0 ? Double.NaN : sum / n, n == 0 ? Double.NaN
				: any / (double) n);
		}
	}

	/**
	 * One strategy's picks over its seeds, or over one seed.
	 *
	 * @param seed the seed, or null for the row over all seeds
	 * @param distinctInitialSets how many different initial sets its seeds
	 *          started from (1 of 5: every seed the same patches)
	 */
	public record Row(String strategy, Long seed, int seeds,
		int distinctInitialSets, Band initial, Band early, Band late)
	{}

	/** The pool's composition and one row per strategy. */
	public record Report(Band pool, List<Row> rows) {}

	private PickComposition() {}

	/**
	 * The composition of the picks recorded in {@code outDir}, for the
	 * strategies and seeds of {@code curves}, in their order; with
	 * {@code perSeed}, each strategy's row is followed by one per seed.
	 */
	public static Report of(final Path outDir, final Curves curves,
		final boolean perSeed, final Progress progress)
	{
		final Properties run = runFile(outDir);
		final double[] fg = foreground(run, outDir, progress);
		final List<Row> rows = new ArrayList<>();
		for (final String s : curves.strategies()) {
			final Set<Long> seeds = new TreeSet<>();
			for (final CurvePoint p : curves.of(s))
				seeds.add(p.seed());
			final List<Double> initial = new ArrayList<>(), early = new ArrayList<>(),
					late = new ArrayList<>();
			final Set<String> starts = new HashSet<>();
			final List<Row> seedRows = new ArrayList<>();
			for (final long seed : seeds) {
				final Path file = outDir.resolve("rounds").resolve(s + "-" + seed +
					".csv");
				if (!Files.isRegularFile(file)) continue;
				final RoundLog log = RoundLog.open(file);
				if (log.size() == 0) continue;
				final List<List<Double>> bands = List.of(new ArrayList<>(),
					new ArrayList<>(), new ArrayList<>());
				for (int r = 0; r < log.size(); r++) {
					final int[] ids = log.round(r);
					if (r == 0) {
						final int[] sorted = ids.clone();
						Arrays.sort(sorted);
						starts.add(Arrays.toString(sorted));
					}
					for (final int id : ids) {
						if (id < 0 || id >= fg.length) throw new UserException(file +
							" names patch " + id + ", outside the pool of " + fg.length,
							"the folder's run.txt does not match its rounds: rerun the simulation");
						bands.get(r == 0 ? 0 : r <= EARLY_ROUNDS ? 1 : 2).add(fg[id]);
					}
				}
				initial.addAll(bands.get(0));
				early.addAll(bands.get(1));
				late.addAll(bands.get(2));
				seedRows.add(new Row(s, seed, 1, 1, Band.of(bands.get(0)), Band.of(bands
					.get(1)), Band.of(bands.get(2))));
			}
			rows.add(new Row(s, null, seedRows.size(), starts.size(), Band.of(initial),
				Band.of(early), Band.of(late)));
			if (perSeed) rows.addAll(seedRows);
		}
		return new Report(Band.of(Arrays.stream(fg).boxed().toList()), rows);
	}

	/** A fixed-width table of the report (for the console). */
	public static String table(final Report report) {
		final StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT,
			"picks (ground truth): foreground pixel share / share of patches with foreground%n"));
		sb.append(String.format(Locale.ROOT, "%-24s %5s %7s  %-15s %-15s %-15s%n",
			"strategy", "seeds", "starts", "initial set", "rounds 1-" +
				EARLY_ROUNDS, "rounds " + (EARLY_ROUNDS + 1) + "+"));
		sb.append(String.format(Locale.ROOT, "%-24s %5s %7s  %-15s%n", "pool", "",
			"", band(report.pool())));
		for (final Row r : report.rows())
			sb.append(r.seed() == null ? String.format(Locale.ROOT,
				"%-24s %5d %7d  %-15s %-15s %-15s%n", r.strategy(), r.seeds(), r
					.distinctInitialSets(), band(r.initial()), band(r.early()), band(r
						.late())) : String.format(Locale.ROOT,
							"  %-22s %5s %7s  %-15s %-15s %-15s%n", "seed " + r.seed(), "", "",
							band(r.initial()), band(r.early()), band(r.late())));
		return sb.toString();
	}

	private static String band(final Band b) {
		return b.patches() == 0 ? "-" : String.format(Locale.ROOT, "%.3f / %.2f", b
			.foreground(), b.withForeground());
	}

	private static Properties runFile(final Path outDir) {
		final Path file = outDir.resolve("run.txt");
		final Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			p.load(r);
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + file + " (" + e.getMessage() +
				")", "point to a 'twostream simulate' output folder (--out)");
		}
		for (final String key : List.of("labels", "foreground", "patch"))
			if (p.getProperty(key) == null) throw new UserException(file +
				" has no '" + key + "'", "point to a 'twostream simulate' output folder (--out)");
		return p;
	}

	/**
	 * The foreground fraction of every pool patch: the simulator's grid over
	 * the run's training labels (its slice range, if any).
	 */
	private static double[] foreground(final Properties run, final Path outDir,
		final Progress progress)
	{
		final String spec = run.getProperty("labels");
		final int foreground, patch;
		try {
			foreground = Integer.parseInt(run.getProperty("foreground").strip());
			patch = Integer.parseInt(run.getProperty("patch").strip());
		}
		catch (final NumberFormatException e) {
			throw new UserException(outDir.resolve("run.txt") +
				" has a malformed foreground or patch value",
				"point to a 'twostream simulate' output folder (--out)");
		}
		final String slices = run.getProperty("train_slices", "null").strip();
		LabelImage labels = null;
		try {
			try {
				labels = LabelImages.open(spec);
			}
			catch (final UserException e) {
				// NB: e's message already ends with its fix (check the path)
				throw new UserException(
					"The ground truth that run.txt names (the picks are counted on it) cannot be read: " +
						e.getMessage(), null, e);
			}
			// NB: a slab does not close what it views; labels is closed below
			final LabelImage pool = slices.equals("null") ? labels : Slabs.of(labels,
				SliceRange.parse(slices));
			final PatchGrid grid = new PatchGrid(pool.depth(), pool.height(), pool
				.width(), patch, patch);
			progress.status("Ground-truth foreground of " + grid.size() +
				" pool patches");
			return new LabelOracle(pool, foreground).foregroundFractions(grid,
				progress);
		}
		finally {
			if (labels != null) labels.close();
		}
	}
}
