package io.github.twostream.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.twostream.acquisition.AcquisitionStrategy;
import io.github.twostream.acquisition.Selection;
import io.github.twostream.acquisition.Strategies;
import io.github.twostream.acquisition.Suggestion;
import io.github.twostream.model.PatchScores;
import io.github.twostream.model.TaskModel;
import io.github.twostream.store.Project;
import io.github.twostream.store.StreamScores;
import io.github.twostream.store.SuggestionRecord;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * One suggestion round of a project (TrackMate-style engine:
 * {@link #checkInput()}, then {@link #process()}).
 * <ol>
 * <li>stream B: the cached encoder embedding (trained once if missing),
 * typicality from kNN, novelty from the labelled set;</li>
 * <li>stream A: the latest task model scores every patch (entropy, margin,
 * BALD, supervised embedding); none before the first training (cold
 * start);</li>
 * <li>the strategy picks {@code k} unlabelled patches; the round is recorded
 * in the project with every stream's scores.</li>
 * </ol>
 * <p>
 * Steps 2 and 3 are {@link AcquisitionRound#run}, the code the simulator's
 * rounds run too.
 * </p>
 */
public class SuggestionEngine {

	private final ProjectSession session;
	private final SuggestSettings settings;
	private final Progress progress;
	private String errorMessage;
	private SuggestionResult result;

	public SuggestionEngine(final ProjectSession session,
		final SuggestSettings settings, final Progress progress)
	{
		this.session = session;
		this.settings = settings;
		this.progress = progress == null ? Progress.NONE : progress;
	}

	/** Checks the settings against the project; false with a message if wrong. */
	public boolean checkInput() {
		final int unlabelled = session.grid().size() - session.project().labels()
			.count();
		if (unlabelled <= 0) {
			errorMessage =
				"Every patch of the project is labelled: there is nothing left to suggest";
			return false;
		}
		if (settings.encoder().patchSize() != session.grid().patchSize()) {
			errorMessage = "The encoder's patch size " + settings.encoder()
				.patchSize() + " differs from the project's " + session.grid()
					.patchSize();
			return false;
		}
		return true;
	}

	public String getErrorMessage() {
		return errorMessage;
	}

	/** Runs the round; {@link #getResult()} has the outcome. */
	public boolean process() {
		if (!checkInput()) throw new UserException(errorMessage,
			"label fewer patches or start a new project");
		final Project project = session.project();
		final int n = session.grid().size();
		final Set<Integer> labelled = project.labels().labelledIds();

		final StructureStage.Result b = StructureStage.ensure(session, settings
			.encoder(), false, progress);
		progress.status("Typicality of " + n + " patches (stream B)");
		final AcquisitionRound.StreamB streamB = AcquisitionRound.StreamB.of(b
			.embedding(), settings.typicalityK(), progress);
		final int round = project.queries().rounds().stream().mapToInt(
			Integer::intValue).max().orElse(0) + 1;
		final AcquisitionStrategy strategy = Strategies.byName(settings.strategy());
		final AcquisitionRound.Outcome o;
		try (TaskModel m = TaskStage.latest(project).orElse(null)) {
			o = AcquisitionRound.run(new PoolPatches(session.volume(), session
				.grid()), streamB, labelled, null, m, new AcquisitionRound.Request(
					strategy, settings.k(), settings.seed(), round, settings.mcPasses(),
					true), progress);
		}
		final Selection selection = o.selection();
		final List<SuggestionRecord> records = new ArrayList<>();
		for (final Suggestion s : selection.suggestions())
			records.add(new SuggestionRecord(s.patchId(), s.rank(), new StreamScores(
				box(s.entropy()), box(s.margin()), box(s.bald()), box(s.typicality()),
				box(s.novelty()), box(s.score()))));
		// NB: the number actually recorded is taken inside the store's
		// transaction: a concurrent round may have taken this one meanwhile
		final int recorded = project.queries().recordNext(strategy.name(),
			records);

		final PatchScores a = o.streamA();
		result = new SuggestionResult(recorded, selection, session.grid(), a == null
			? nan(n) : Contexts.toDouble(a.entropy()), a == null ? nan(n) : Contexts
				.toDouble(a.margin()), a == null || a.bald() == null ? nan(n) : Contexts
					.toDouble(a.bald()), streamB.typicality(), finite(o.context()
						.novelty()), selection.combined() == null ? nan(n) : selection
							.combined());
		progress.status("Suggested " + selection.size() + " patches (round " +
			recorded + ")" + (selection.note().isEmpty() ? "" : ": " + selection
				.note()));
		return true;
	}

	public SuggestionResult getResult() {
		return result;
	}

	private static Double box(final double v) {
		return Double.isNaN(v) ? null : v;
	}

	/** NB: novelty is +Infinity before the first label; tables want NaN. */
	private static double[] finite(final double[] v) {
		final double[] out = v.clone();
		for (int i = 0; i < out.length; i++)
			if (!Double.isFinite(out[i])) out[i] = Double.NaN;
		return out;
	}

	private static double[] nan(final int n) {
		final double[] v = new double[n];
		Arrays.fill(v, Double.NaN);
		return v;
	}
}
