package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.UserException;

/**
 * Learning curves of a simulation: the {@link CurvePoint}s of all strategies
 * and seeds, with their {@code curves.csv} form.
 * <p>
 * The CSV header is exactly {@value #HEADER}. It has no round column: a row's
 * round is its position among the rows of the same (strategy, seed), in
 * file order (rows are appended as rounds finish, so the order is the round
 * order). {@code simulated_annotation_seconds} is the {@link CostModel}'s
 * time for the labelled set; {@code threshold} the calibrated threshold the
 * IoU and Dice are scored at, {@code iou_at_half} the IoU at 0.5, and
 * {@code oracle_iou} the diagnostic best IoU over thresholds chosen on the
 * test labels ({@link CurvePoint#oracleIoU}). Files of older runs without the
 * last three columns ({@value #HEADER_V2}) or the last four
 * ({@value #HEADER_V1}) are read with NaN there. A torn last
 * line without its newline (a crash while appending) is dropped when
 * reading.
 * </p>
 */
public final class Curves {

	/** The {@code curves.csv} header. */
	public static final String HEADER =
		"strategy,seed,labelled_patches,iou,dice,round_seconds," +
			"simulated_annotation_seconds,threshold,iou_at_half,oracle_iou";

	/** The header before the threshold and the other IoUs (still read). */
	public static final String HEADER_V2 =
		"strategy,seed,labelled_patches,iou,dice,round_seconds," +
			"simulated_annotation_seconds";

	/** The header before the annotation seconds (still read). */
	public static final String HEADER_V1 =
		"strategy,seed,labelled_patches,iou,dice,round_seconds";

	private final List<CurvePoint> points;

	public Curves(final List<CurvePoint> points) {
		this.points = List.copyOf(points);
	}

	public List<CurvePoint> points() {
		return points;
	}

	/**
	 * These curves with their SIMULATED annotation seconds re-expressed under
	 * {@code cost} (for example the one {@link AnnotationCosts} fitted to an
	 * expert's recorded pace): {@code simulate} writes them under
	 * {@link CostModel#DEFAULT}, from which each labelled set's outline is
	 * recovered exactly ({@link CostModel#convert}).
	 */
	public Curves withAnnotationCost(final CostModel cost) {
		if (cost.equals(CostModel.DEFAULT)) return this;
		final List<CurvePoint> out = new ArrayList<>(points.size());
		for (final CurvePoint p : points)
			out.add(new CurvePoint(p.strategy(), p.seed(), p.round(), p
				.labelledPatches(), p.iou(), p.dice(), p.roundSeconds(), CostModel.DEFAULT
					.convert(p.annotationSeconds(), p.labelledPatches(), cost), p
						.threshold(), p.iouAtHalf(), p.oracleIoU()));
		return new Curves(out);
	}

	/** Strategy names in order of first appearance. */
	public List<String> strategies() {
		final Set<String> s = new LinkedHashSet<>();
		for (final CurvePoint p : points)
			s.add(p.strategy());
		return new ArrayList<>(s);
	}

	/** The points of one strategy. */
	public List<CurvePoint> of(final String strategy) {
		return points.stream().filter(p -> p.strategy().equals(strategy))
			.toList();
	}

	/** One CSV line (no newline) for {@code p}. */
	public static String line(final CurvePoint p) {
		checkName(p.strategy());
		return String.join(",", p.strategy(), Long.toString(p.seed()), Integer
			.toString(p.labelledPatches()), num(p.iou()), num(p.dice()), num(p
				.roundSeconds()), num(p.annotationSeconds()), num(p.threshold()), num(p
					.iouAtHalf()), num(p.oracleIoU()));
	}

	/**
	 * Writes header + all points to {@code file}, atomically replacing it
	 * ({@link AtomicFiles}).
	 */
	public void write(final Path file) throws IOException {
		final StringBuilder sb = new StringBuilder(HEADER).append('\n');
		for (final CurvePoint p : points)
			sb.append(line(p)).append('\n');
		AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a {@code curves.csv}.
	 *
	 * @throws UserException if the header or a complete line is malformed
	 */
	public static Curves read(final Path file) throws IOException {
		final String text = Files.readString(file, StandardCharsets.UTF_8);
		final List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		// NB: the last element is "" after a final newline, or a torn line.
		lines.remove(lines.size() - 1);
		final String header = lines.isEmpty() ? "" : lines.get(0).strip();
		final int columns = header.equals(HEADER) ? 10 : header.equals(HEADER_V2)
			? 7 : header.equals(HEADER_V1) ? 6 : -1;
		if (columns < 0) throw new UserException(file + " is not a curves.csv (header must be " +
				HEADER + ")", "point to a simulation output folder or delete the file");
		final List<CurvePoint> out = new ArrayList<>();
		final Map<String, Integer> rounds = new HashMap<>();
		for (int i = 1; i < lines.size(); i++) {
			final String line = lines.get(i).strip();
			if (line.isEmpty()) continue;
			final String[] f = line.split(",", -1);
			try {
				if (f.length != columns) throw new NumberFormatException();
				final long seed = Long.parseLong(f[1]);
				final String key = f[0] + "\u0000" + seed;
				final int round = rounds.merge(key, 1, Integer::sum) - 1;
				out.add(new CurvePoint(f[0], seed, round, Integer.parseInt(f[2]),
					Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double
						.parseDouble(f[5]), column(f, 6), column(f, 7), column(f, 8), column(f, 9)));
			}
			catch (final NumberFormatException e) {
				throw new UserException(file + " line " + (i + 1) +
					" is malformed: " + line,
					"fix or delete that line (the round is then run again)");
			}
		}
		return new Curves(out);
	}

	/** Field {@code i}, or NaN for a column an older header lacks. */
	private static double column(final String[] f, final int i) {
		return i < f.length ? Double.parseDouble(f[i]) : Double.NaN;
	}

	/** True if the file's text does not end with a newline (a torn append). */
	static boolean torn(final Path file) throws IOException {
		final long size = Files.size(file);
		if (size == 0) return false;
		try (var ch = java.nio.channels.FileChannel.open(file)) {
			final var b = java.nio.ByteBuffer.allocate(1);
			ch.read(b, size - 1);
			return b.get(0) != '\n';
		}
	}

	static void checkName(final String name) {
		if (name.isEmpty() || name.matches(".*[,\"\\r\\n].*"))
			throw new UserException("Strategy name '" + name +
				"' cannot go into a CSV", "use a name without commas, quotes or newlines");
	}

	static String num(final double v) {
		return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v)
			.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
			.replaceAll("\\.$", "");
	}

	@Override
	public String toString() {
		return "Curves[" + points.size() + " points, " + strategies() + "]";
	}

	/** An empty set of curves. */
	public static Curves empty() {
		return new Curves(Collections.emptyList());
	}
}
