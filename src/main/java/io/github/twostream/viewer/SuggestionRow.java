package io.github.twostream.viewer;

/**
 * One suggested (or scored) patch as a viewer shows it: where it is, its rank
 * and its acquisition scores.
 * <p>
 * All values are doubles so that one flat row maps onto ImageJ's Results table
 * and a CSV file; a score the acquisition strategy did not compute is
 * {@link Double#NaN}.
 * </p>
 *
 * @param patchId the patch's id in its patch grid
 * @param z slice (0-based)
 * @param y top row (0-based)
 * @param x left column (0-based)
 * @param h height in pixels
 * @param w width in pixels
 * @param rank 1 for the first suggestion; NaN for a scored but not suggested
 *          patch
 * @param combined the combined acquisition score
 * @param entropy stream A: mean pixel entropy
 * @param margin stream A: mean margin uncertainty
 * @param bald stream A: MC-dropout BALD
 * @param typicality stream B: typicality
 * @param novelty stream B: novelty w.r.t. the labelled patches
 */
public record SuggestionRow(double patchId, double z, double y, double x,
	double h, double w, double rank, double combined, double entropy,
	double margin, double bald, double typicality, double novelty)
{

	/** Column names, in record order; also the CSV and Results headings. */
	public static final String[] COLUMNS = { "patch_id", "z", "y", "x", "h", "w",
		"rank", "combined", "entropy", "margin", "bald", "typicality", "novelty" };

	/** The score columns (a subset of {@link #COLUMNS}), streams first. */
	public static final String[] SCORES = { "entropy", "margin", "bald",
		"typicality", "novelty", "combined" };

	/** A patch with position only; all scores NaN. */
	public static SuggestionRow at(final long patchId, final int z, final int y,
		final int x, final int h, final int w, final double rank)
	{
		final double n = Double.NaN;
		return new SuggestionRow(patchId, z, y, x, h, w, rank, n, n, n, n, n, n);
	}

	/** The value of the column {@code name} (one of {@link #COLUMNS}). */
	public double get(final String name) {
		return switch (name) {
			case "patch_id" -> patchId;
			case "z" -> z;
			case "y" -> y;
			case "x" -> x;
			case "h" -> h;
			case "w" -> w;
			case "rank" -> rank;
			case "combined" -> combined;
			case "entropy" -> entropy;
			case "margin" -> margin;
			case "bald" -> bald;
			case "typicality" -> typicality;
			case "novelty" -> novelty;
			default -> throw new IllegalArgumentException("No column " + name);
		};
	}

	/** Builds a row from column values ({@link #COLUMNS} order). */
	public static SuggestionRow of(final double[] v) {
		return new SuggestionRow(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
			v[8], v[9], v[10], v[11], v[12]);
	}

	/** True if this row is a suggestion (has a rank). */
	public boolean isSuggested() {
		return !Double.isNaN(rank);
	}
}
