package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.acquisition.Strategies;
import io.github.twostream.loop.AcquisitionRound;
import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.PoolPatches;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.SuggestionEngine;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.util.Progress;

/**
 * A simulated round and a user's round are the same code: for the same
 * model, labels, embedding and seed, the simulator's acquisition step picks
 * exactly what {@link SuggestionEngine} suggests (real TF, SQLite, ImageJ).
 */
class RoundParityTest {

	@TempDir
	Path dir;

	@Test
	void simulatedRoundPicksWhatTheUserIsShown() {
		final EncoderConfig enc = SuggestSettings.defaults(64).encoder()
			.withEpochs(2);
		try (ProjectSession s = ProjectSession.create(dir.resolve("p"),
			"test-data/train-volume.tif", 64, 64))
		{
			final int[] labelled = new Random(5).ints(0, s.grid().size()).distinct()
				.limit(10).toArray();
			LabelTransfer.importPatches(s, "test-data/train-labels.tif", labelled,
				255);
			TaskStage.train(s, ModelPreset.fast(64).withUnet(UNetConfig.reference()
				.withArchitecture(2, 8)), 30,
				false, Progress.NONE).close();
			for (final String strategy : new String[] { "two-stream", "margin",
				"coreset" })
			{
				final SuggestSettings settings = new SuggestSettings(strategy, 6, 0, 20,
					11, enc);
				final SuggestionEngine user = new SuggestionEngine(s, settings,
					Progress.NONE);
				user.process();
				final int[] shown = user.getResult().selection().ids();

				final AcquisitionRound.StreamB b = AcquisitionRound.StreamB.of(
					StructureStage.ensure(s, enc, false, Progress.NONE).embedding(), 20,
					Progress.NONE);
				final int[] simulated;
				try (TaskModel m = TaskStage.latest(s.project()).orElseThrow()) {
					simulated = Simulator.select(new PoolPatches(s.volume(), s.grid()), b,
						s.project().labels().labelledIds(), null, m,
						new AcquisitionRound.Request(Strategies.byName(strategy), 6, 11, 0,
							0, false), Progress.NONE);
				}
				assertEquals(6, shown.length);
				assertArrayEquals(shown, simulated, strategy);
			}
		}
	}
}
