package io.github.twostream.viewer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import ij.measure.ResultsTable;
import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.volume.Patch;
import io.github.twostream.util.UserException;

/** Reading, ranking and tabulating {@link SuggestionRow}s. */
public final class SuggestionRows {

	private static final String[] REQUIRED = { "z", "y", "x", "h", "w" };

	private SuggestionRows() {}

	/**
	 * Rows of a suggestion round: the suggestions first, in rank order, then
	 * (with {@code allPatches}) every other patch with its scores and rank NaN,
	 * for heatmaps.
	 */
	public static List<SuggestionRow> of(final SuggestionResult r,
		final boolean allPatches)
	{
		final List<SuggestionRow> rows = new ArrayList<>();
		final boolean[] suggested = new boolean[r.grid().size()];
		for (final var s : r.selection().suggestions()) {
			suggested[s.patchId()] = true;
			rows.add(row(r, r.grid().get(s.patchId()), s.rank()));
		}
		if (allPatches) for (final Patch p : r.grid().patches())
			if (!suggested[p.id()]) rows.add(row(r, p, Double.NaN));
		return rows;
	}

	private static SuggestionRow row(final SuggestionResult r, final Patch p,
		final double rank)
	{
		final int i = p.id();
		return new SuggestionRow(i, p.z(), p.y(), p.x(), p.h(), p.w(), rank, r
			.combined()[i], r.entropy()[i], r.margin()[i], r.bald()[i], r
				.typicality()[i], r.novelty()[i]);
	}

	/**
	 * Reads a suggestions CSV with a header line naming (some of)
	 * {@link SuggestionRow#COLUMNS}; {@code z,y,x,h,w} are required, other
	 * columns missing become NaN, unknown columns are ignored. A missing
	 * {@code patch_id} becomes the row index.
	 */
	public static List<SuggestionRow> readCsv(final Path csv) {
		if (!Files.isRegularFile(csv)) throw new UserException(
			"Suggestions file not found: " + csv, "check the path");
		final ResultsTable rt;
		try {
			// NB: ImageJ's own CSV reader (quotes, NaN, header) instead of a
			// hand-written one.
			rt = ResultsTable.open(csv.toString());
		}
		catch (final IOException | RuntimeException e) {
			throw new UserException("Cannot read suggestions CSV " + csv + ": " + e
				.getMessage(), "give a comma-separated file with a header line", e);
		}
		if (rt == null) throw new UserException("Cannot read suggestions CSV " +
			csv, "give a comma-separated file with a header line");
		for (final String c : REQUIRED) {
			if (!rt.columnExists(c)) throw new UserException("Suggestions CSV " +
				csv + " has no column '" + c + "'",
				"give a header line with at least z,y,x,h,w (found: " + rt
					.getColumnHeadings().trim().replace('\t', ',') + ")");
		}
		final List<SuggestionRow> rows = new ArrayList<>(rt.size());
		final double[] v = new double[SuggestionRow.COLUMNS.length];
		for (int r = 0; r < rt.size(); r++) {
			for (int c = 0; c < v.length; c++) {
				final String name = SuggestionRow.COLUMNS[c];
				v[c] = rt.columnExists(name) ? rt.getValue(name, r) : Double.NaN;
			}
			if (Double.isNaN(v[0])) v[0] = r;
			rows.add(SuggestionRow.of(v));
		}
		return rows;
	}

	/**
	 * The suggested rows (those with a rank) in rank order, at most {@code k}
	 * ({@code k <= 0}: all).
	 */
	public static List<SuggestionRow> suggested(final List<SuggestionRow> rows,
		final int k)
	{
		final List<SuggestionRow> s = new ArrayList<>();
		for (final SuggestionRow r : rows)
			if (r.isSuggested()) s.add(r);
		s.sort(Comparator.comparingDouble(SuggestionRow::rank));
		return k > 0 && s.size() > k ? new ArrayList<>(s.subList(0, k)) : s;
	}

	/** The score columns ({@link SuggestionRow#SCORES}) that any row has. */
	public static List<String> presentScores(final List<SuggestionRow> rows) {
		final List<String> present = new ArrayList<>();
		for (final String s : SuggestionRow.SCORES) {
			if (rows.stream().anyMatch(r -> !Double.isNaN(r.get(s)))) present.add(s);
		}
		return present;
	}

	/**
	 * Fills {@code rt} (after clearing it) with one row per suggestion; columns
	 * that are NaN in every row are left out.
	 */
	public static ResultsTable fill(final ResultsTable rt,
		final List<SuggestionRow> rows)
	{
		rt.reset();
		rt.showRowNumbers(false);
		final List<String> cols = new ArrayList<>(Arrays.asList(
			SuggestionRow.COLUMNS).subList(0, 7));
		cols.addAll(presentScores(rows));
		for (final SuggestionRow row : rows) {
			rt.incrementCounter();
			for (final String c : cols)
				rt.addValue(c, row.get(c));
		}
		for (final String c : cols.subList(0, 7))
			rt.setDecimalPlaces(rt.getColumnIndex(c), 0);
		return rt;
	}

	/** Convenience: {@link #readCsv(Path)} of a {@link File}. */
	public static List<SuggestionRow> readCsv(final File csv) {
		return readCsv(csv.toPath());
	}
}
