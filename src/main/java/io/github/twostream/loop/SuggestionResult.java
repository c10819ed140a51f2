package io.github.twostream.loop;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;

import io.github.twostream.acquisition.Selection;
import io.github.twostream.acquisition.Suggestion;
import io.github.twostream.util.AtomicFiles;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;

/**
 * The outcome of a suggestion round: the chosen patches and every patch's
 * per-stream scores (NaN where a stream is absent), for tables and heatmaps.
 *
 * @param round the round number recorded in the project
 * @param selection the suggested patches, best first, with the strategy's note
 * @param grid the patch grid the ids refer to
 * @param entropy stream A mean pixel entropy per patch id
 * @param margin stream A mean margin uncertainty per patch id
 * @param bald stream A BALD per patch id
 * @param typicality stream B typicality per patch id
 * @param novelty stream B distance to the nearest labelled patch per id
 * @param combined the strategy's combined score per patch id
 *          ({@link io.github.twostream.acquisition.Selection#combined()}; 0 for
 *          labelled), NaN for a strategy without one
 */
public record SuggestionResult(int round, Selection selection, PatchGrid grid,
	double[] entropy, double[] margin, double[] bald, double[] typicality,
	double[] novelty, double[] combined)
{

	/** CSV header of {@link #writeCsv}. */
	public static final String HEADER =
		"patch_id,z,y,x,h,w,rank,combined,entropy,margin,bald,typicality,novelty";

	/**
	 * Writes the suggestions (or, with {@code allPatches}, every patch with an
	 * empty rank for the unsuggested ones) as CSV, atomically.
	 */
	public void writeCsv(final Path csv, final boolean allPatches)
		throws IOException
	{
		final int[] rank = new int[grid.size()];
		for (final Suggestion s : selection.suggestions())
			rank[s.patchId()] = s.rank();
		AtomicFiles.write(csv, out -> {
			final Writer w = new java.io.OutputStreamWriter(out,
				java.nio.charset.StandardCharsets.UTF_8);
			w.write(HEADER + "\n");
			if (allPatches) for (final Patch p : grid.patches())
				w.write(line(p, rank[p.id()]));
			else for (final Suggestion s : selection.suggestions())
				w.write(line(grid.get(s.patchId()), s.rank()));
			w.flush();
		});
	}

	private String line(final Patch p, final int rank) {
		final int i = p.id();
		return String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s\n",
			i, p.z(), p.y(), p.x(), p.h(), p.w(), rank > 0 ? Integer.toString(rank)
				: "", num(combined[i]), num(entropy[i]), num(margin[i]), num(bald[i]),
			num(typicality[i]), num(novelty[i]));
	}

	private static String num(final double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
	}
}
