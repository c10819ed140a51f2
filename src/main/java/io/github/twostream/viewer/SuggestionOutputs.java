package io.github.twostream.viewer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ij.ImagePlus;
import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Shows a suggestion round through a {@link SuggestionView}: numbered ROIs on
 * the image, one table row per suggestion, and the acquisition heatmap (one
 * 32-bit channel per stream score present, then the combined score). The one
 * place that turns a {@link SuggestionResult} into views, shared by the CLI's
 * {@code suggest} and Fiji's "Suggest next patches".
 */
public final class SuggestionOutputs {

	/** File name of every patch's scores ({@link SuggestionResult#writeCsv}). */
	public static final String SCORES_CSV = "scores.csv";

	private SuggestionOutputs() {}

	/**
	 * @param view where to show (and write) ROIs, table and heatmap
	 * @param image the image the ROIs go on (the project's volume or a view of
	 *          it, same size)
	 * @param r the round
	 * @param scoresCsv where to write every patch's scores; null: nowhere
	 * @return the files written (ROI zip, table, heatmap, scores), in order
	 */
	public static List<Path> show(final SuggestionView view,
		final ImagePlus image, final SuggestionResult r, final Path scoresCsv,
		final Progress progress)
	{
		final List<Path> written = new ArrayList<>();
		final List<SuggestionRow> suggested = SuggestionRows.of(r, false);
		add(written, view.showSuggestions(image, suggested));
		add(written, view.showTable(suggested));
		progress.checkCancelled();
		final ImagePlus heat = AcquisitionHeatmaps.build(r.grid().width(), r.grid()
			.height(), r.grid().depth(), SuggestionRows.of(r, true), progress);
		// NB: open on the combined score (last channel), first suggestion's slice
		if (!suggested.isEmpty()) heat.setPosition(heat.getNChannels(),
			(int) suggested.get(0).z() + 1, 1);
		add(written, view.showHeatmap(heat));
		if (scoresCsv != null) {
			try {
				r.writeCsv(scoresCsv, true);
			}
			catch (final IOException e) {
				throw new UserException("Cannot write " + scoresCsv + ": " + e
					.getMessage(), "choose a writable output folder", e);
			}
			written.add(scoresCsv);
		}
		return written;
	}

	private static void add(final List<Path> to, final Optional<Path> p) {
		p.ifPresent(to::add);
	}
}
