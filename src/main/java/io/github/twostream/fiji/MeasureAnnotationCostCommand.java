package io.github.twostream.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import io.github.twostream.simulation.AnnotationCosts;
import io.github.twostream.simulation.CostModel;
import io.github.twostream.store.Project;

/**
 * The annotation cost measured in a project: the cost model fitted to the
 * seconds the annotation view recorded per accepted patch; the Fiji face of
 * {@code twostream cost-model}. The fit goes to the log, as the command line
 * prints it, and to the outputs.
 */
@Plugin(type = Command.class, label = "Annotation cost",
	description = "Fits seconds = base + seconds per outline pixel x outline " +
		"to the time recorded per accepted patch")
public class MeasureAnnotationCostCommand extends ContextCommand {

	@Parameter(label = "Project folder", persist = false, style = "directory")
	private File project;

	@Parameter(type = ItemIO.OUTPUT, label = "Timed patches")
	private int timed_patches;

	@Parameter(type = ItemIO.OUTPUT, label = "Seconds per patch")
	private double seconds_per_patch;

	@Parameter(type = ItemIO.OUTPUT, label = "Seconds per outline pixel")
	private double seconds_per_outline_pixel;

	@Parameter(type = ItemIO.OUTPUT, label = "R squared")
	private double r_squared;

	@Override
	public void run() {
		final CostModel.Fit fit;
		try (Project p = Project.open(project.toPath())) {
			fit = AnnotationCosts.measure(p);
		}
		timed_patches = fit.patches();
		seconds_per_patch = fit.model().base();
		seconds_per_outline_pixel = fit.model().perBoundaryPixel();
		r_squared = fit.r2();
		final String text = "Annotation cost of " + project + "\n" +
			AnnotationCosts.describe(fit);
		// NB: ImageJ's log (stdout headless); a SciJava caller gets the outputs
		IJ.log(text.strip());
	}
}
