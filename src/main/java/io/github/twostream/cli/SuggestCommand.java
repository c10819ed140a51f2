package io.github.twostream.cli;

import io.github.twostream.store.OutputPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.acquisition.Strategies;
import io.github.twostream.acquisition.Suggestion;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.SuggestionEngine;
import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionOutputs;
import io.github.twostream.viewer.VolumeImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suggest PROJECT [--k 16] [--strategy two-stream] [--out DIR]}. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
	description = "Suggest the next patches to label; records the round in the project and writes the ROIs, heatmap and table to --out.")
public class SuggestCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = { "-k", "--k" }, defaultValue = "16", paramLabel = "K",
		description = "Number of patches (default: ${DEFAULT-VALUE}).")
	int k;

	@Option(names = "--strategy", defaultValue = Strategies.DEFAULT,
		paramLabel = "NAME",
		description = "Acquisition strategy (default: ${DEFAULT-VALUE}); one of: two-stream, two-stream-clustering, uncertainty, margin, bald, typicality, coreset, probcover, random.")
	String strategy;

	@Option(names = "--passes", defaultValue = "8", paramLabel = "T",
		description = "MC-dropout passes for BALD (default: ${DEFAULT-VALUE}; 0 = none).")
	int passes;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S")
	long seed;

	@Option(names = "--out", paramLabel = "DIR",
		description = "Folder for suggestions.csv, suggestions-rois.zip, acquisition-heatmap.tif, scores.csv.")
	Path out;

	@Mixin
	EncoderOptions encoder;

	@Override
	public Integer call() throws Exception {
		try (ProjectSession s = ProjectSession.open(project)) {
			if (out != null) OutputPaths.checkFolder(out, "--out", s.project(),
				OUTPUTS);
			final int patch = s.grid().patchSize();
			final SuggestSettings settings = new SuggestSettings(strategy, k, passes,
				SuggestSettings.defaults(patch).typicalityK(), seed, encoder
					.configFor(s));
			final SuggestionEngine engine = new SuggestionEngine(s, settings,
				new ConsoleProgress());
			engine.process();
			final SuggestionResult r = engine.getResult();
			print(r);
			if (out != null) write(s, r, out);
		}
		return 0;
	}

	/** The files a round writes into --out. */
	static final List<String> OUTPUTS = List.of(IJ1SuggestionView.ROI_ZIP,
		IJ1SuggestionView.HEATMAP_TIFF, IJ1SuggestionView.RESULTS_CSV,
		SuggestionOutputs.SCORES_CSV);

	static void print(final SuggestionResult r) {
		System.out.println("Round " + r.round() + ", " + r.selection().strategy() +
			(r.selection().note().isEmpty() ? "" : " (" + r.selection().note() + ")"));
		System.out.println(
			"rank,patch_id,z,y,x,combined,entropy,margin,bald,typicality,novelty");
		for (final Suggestion q : r.selection().suggestions()) {
			final var p = r.grid().get(q.patchId());
			System.out.println(String.format(Locale.ROOT,
				"%d,%d,%d,%d,%d,%.4g,%.4g,%.4g,%.4g,%.4g,%.4g", q.rank(), p.id(), p.z(),
				p.y(), p.x(), q.score(), q.entropy(), q.margin(), q.bald(), q
					.typicality(), q.novelty()));
		}
	}

	/** Writes ROIs, heatmap, table and all patches' scores to {@code dir}. */
	static void write(final ProjectSession s, final SuggestionResult r,
		final Path dir) throws Exception
	{
		// NB: clear the previous round's files first: a killed round leaves some
		// of its own files, never a mix of two rounds
		for (final String name : OUTPUTS)
			Files.deleteIfExists(dir.resolve(name));
		SuggestionOutputs.show(new IJ1SuggestionView(dir, false), VolumeImages
			.virtual(s.volume(), "EM"), r, dir.resolve(SuggestionOutputs.SCORES_CSV),
			new ConsoleProgress());
		System.out.println("Wrote " + dir.resolve(IJ1SuggestionView.ROI_ZIP) +
			", " + IJ1SuggestionView.HEATMAP_TIFF + ", " +
			IJ1SuggestionView.RESULTS_CSV + " and scores.csv");
	}
}
