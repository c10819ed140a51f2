package io.github.twostream.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.structure.EncoderConfig;

/**
 * Trains the structure encoder (stream B) once and embeds every patch; the
 * Fiji face of {@code twostream train-encoder}. Later suggestion rounds reuse
 * it ({@link StructureStage#configFor}).
 */
@Plugin(type = Command.class, label = "Train structure encoder",
	description = "Trains the contrastive structure encoder (stream B) on all patches")
public class TrainStructureEncoderCommand extends ContextCommand {

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "Epochs", persist = false, required = false, min = "1",
		description = "Passes over all patches")
	private int epochs = 10;

	@Parameter(label = "Retrain", persist = false, required = false,
		description = "Train again even if an encoder with these settings exists")
	private boolean retrain = false;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Reused")
	private boolean reused;

	@Parameter(type = ItemIO.OUTPUT, label = "Patches embedded")
	private int embedded;

	@Override
	public void run() {
		TensorFlowLibraries.requireCompatible();
		try (ProjectSession s = ProjectSession.open(project.toPath())) {
			final EncoderConfig config = SuggestSettings.withPatchSize(EncoderConfig
				.defaults(), s.grid().patchSize()).withEpochs(epochs);
			final StructureStage.Result r = StructureStage.ensure(s, config, retrain,
				new StatusServiceProgress(status, this::isCanceled));
			reused = r.reused();
			embedded = r.embedding().length;
		}
	}
}
