package io.github.twostream.fiji;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.model.ModelPreset;
import io.github.twostream.viewer.AnnotationWindows;

/**
 * Opens the annotation view of a project: paint labels in place on the
 * suggested patches over the acquisition heatmap, accept, retrain and suggest
 * the next round in the background. The Fiji face of {@code twostream view};
 * returns once the window is open (the window owns the project until closed).
 */
@Plugin(type = Command.class, label = "Annotate...",
	description = "Paint labels on the suggested patches, retrain and suggest")
public class AnnotateCommand extends ContextCommand {

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(label = "Model preset", persist = false, required = false,
		choices = { ModelPreset.FAST, ModelPreset.ACCURATE },
		description = "Task model preset for retraining (as 'twostream train --preset')")
	private String preset = ModelPreset.FAST;

	@Parameter(label = "Training steps", persist = false, required = false,
		min = "0", description = "Training steps per retrain (0: the preset's budget)")
	private int steps = 0;

	@Override
	public void run() {
		TensorFlowLibraries.requireCompatible();
		AnnotationWindows.open(project.toPath(), preset, steps, null);
	}
}
