package io.github.twostream.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;

/**
 * Fine-tunes the task model (stream A) on every labelled patch and stores a
 * new model version; the Fiji face of {@code twostream train}.
 * <p>
 * NB: never on the UI thread: from the menu, the ImageJ 1 twin runs on
 * ImageJ's command thread and the command itself on a SciJava worker thread
 * (see {@link CommandTwin}); Esc cancels between training steps.
 * </p>
 */
@Plugin(type = Command.class, label = "Retrain task model",
	description = "Trains the task model on all labelled patches")
public class RetrainTaskModelCommand extends ContextCommand {

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "Steps", persist = false, required = false, min = "0",
		description = "Training steps (0 = chosen from the number of labelled patches)")
	private int steps = 0;

	@Parameter(label = "From scratch", persist = false, required = false,
		description = "Start from fresh weights instead of the latest model")
	private boolean from_scratch = false;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Model version")
	private long version;

	@Parameter(type = ItemIO.OUTPUT, label = "Loss")
	private double loss;

	@Override
	public void run() {
		TensorFlowLibraries.requireCompatible();
		try (ProjectSession s = ProjectSession.open(project.toPath());
				TaskStage.Trained t = TaskStage.train(s, ModelPreset.fast(s.grid()
					.patchSize()), steps, from_scratch,
					new StatusServiceProgress(status, this::isCanceled)))
		{
			version = t.version().id();
			loss = t.loss();
		}
	}
}
