package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.acquisition.Suggestion;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.QueryRound;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * The project-level loop on the bundled test-data with real TF, SQLite and
 * ImageJ: cold start from stream B, oracle labels, training, stream A scores
 * in the next round, and the task model learning the held-out test volume.
 */
class ActiveLearningLoopTest {

	static final String TRAIN = "test-data/train-volume.tif";
	static final String TRAIN_LABELS = "test-data/train-labels.tif";
	static final String TEST = "test-data/test-volume.tif";
	static final String TEST_LABELS = "test-data/test-labels.tif";

	@TempDir
	Path dir;

	static SuggestSettings settings(final int k) {
		final EncoderConfig enc = SuggestSettings.defaults(64).encoder()
			.withEpochs(2);
		return new SuggestSettings("two-stream", k, 2, 10, 7, enc);
	}

	@Test
	void coldStartThenBothStreams() {
		try (ProjectSession s = ProjectSession.create(dir.resolve("p"), TRAIN, 64,
			64))
		{
			// Round 1: no task model yet -> stream B only, and the note says so.
			final SuggestionEngine first = new SuggestionEngine(s, settings(6),
				Progress.NONE);
			assertTrue(first.checkInput(), first.getErrorMessage());
			first.process();
			final SuggestionResult r1 = first.getResult();
			assertEquals(1, r1.round());
			assertEquals(6, r1.selection().size());
			assertTrue(r1.selection().note().contains("cold start"), r1.selection()
				.note());
			assertTrue(Double.isNaN(r1.entropy()[0]));
			assertEquals(1, s.project().models().all(ModelKind.ENCODER).size());

			LabelTransfer.importPatches(s, TRAIN_LABELS, r1.selection().ids(), 255);
			try (TaskStage.Trained t = TaskStage.train(s, small(), 40, false,
				Progress.NONE))
			{
				assertEquals(6, t.version().labelledCount());
				assertEquals("CPU", t.version().device());
				assertTrue(Float.isFinite(t.loss()));
			}

			// Round 2: stream A present, encoder reused, nothing labelled suggested.
			final SuggestionEngine second = new SuggestionEngine(s, settings(6),
				Progress.NONE);
			second.process();
			final SuggestionResult r2 = second.getResult();
			assertEquals(2, r2.round());
			assertEquals(1, s.project().models().all(ModelKind.ENCODER).size(),
				"the encoder is trained once and then reused");
			final Set<Integer> labelled = s.project().labels().labelledIds();
			for (final Suggestion q : r2.selection().suggestions()) {
				assertFalse(labelled.contains(q.patchId()));
				assertTrue(Double.isFinite(q.entropy()) && Double.isFinite(q.bald()) &&
					Double.isFinite(q.typicality()) && Double.isFinite(q.novelty()), q
						.toString());
			}
			assertFalse(r2.selection().note().contains("cold start"));
			// every stored suggestion keeps both streams' scores
			final QueryRound stored = s.project().queries().round(2).orElseThrow();
			assertEquals(6, stored.suggestions().size());
			assertTrue(stored.suggestions().stream().allMatch(q -> q.scores()
				.entropy() != null && q.scores().typicality() != null && q.scores()
					.novelty() != null));
			// labelled patches have novelty 0 and no combined score
			final int someLabelled = labelled.iterator().next();
			assertEquals(0, r2.novelty()[someLabelled], 1e-6);
			assertEquals(0, r2.combined()[someLabelled], 0);
		}
	}

	@Test
	void taskModelLearnsTestData() {
		try (ProjectSession s = ProjectSession.create(dir.resolve("p"), TRAIN, 64,
			64);
				Volume test = Volumes.open(TEST);
				LabelImage testLabels = LabelImages.open(TEST_LABELS, test))
		{
			// 40 random labelled patches of the training volume
			final int[] ids = new Random(3).ints(0, s.grid().size()).distinct().limit(
				40).toArray();
			LabelTransfer.importPatches(s, TRAIN_LABELS, ids, 255);
			assertEquals(new HashSet<>(Arrays.stream(ids).boxed().toList()), s
				.project().labels().labelledIds());
			try (TaskStage.Trained t = TaskStage.train(s, ModelPreset.fast(64).withUnet(UNetConfig.reference()), 400,
				false, Progress.NONE))
			{
				final Evaluation.Scores e = Evaluation.evaluate(t.model(), test,
					testLabels, 255, 0, Progress.NONE);
				assertTrue(e.iou() > 0.8, "held-out IoU " + e.iou());
				assertTrue(e.dice() > e.iou());
			}
			// the stored checkpoint restores to the same predictions
			try (var restored = TaskStage.latest(s.project()).orElseThrow()) {
				final Evaluation.Scores e2 = Evaluation.evaluate(restored, test,
					testLabels, 255, 2, Progress.NONE);
				assertTrue(e2.iou() > 0.8, "restored IoU " + e2.iou());
			}
		}
	}

	/** The fast preset's recipe with a tiny network. */
	static ModelPreset small() {
		return ModelPreset.fast(64).withUnet(UNetConfig.reference().withArchitecture(
			2, 8));
	}
}
