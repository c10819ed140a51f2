package io.github.twostream.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.twostream.simulation.SimulationConfig;
import io.github.twostream.simulation.SimulationTuning;
import io.github.twostream.simulation.Simulator;
import io.github.twostream.util.UserException;

/**
 * The simulation harness for method developers: oracle rounds per strategy
 * and seed on an image with ground truth, evaluated on a test volume; the
 * Fiji face of {@code twostream simulate}. Writes curves.csv, summary.csv and
 * curves.png to the output folder.
 */
@Plugin(type = Command.class, label = "Simulate active learning...",
	description = "Compares acquisition strategies in oracle rounds on EM with ground truth")
public class SimulateActiveLearningCommand extends ContextCommand {

	@Parameter(label = "Pool image (training)", persist = false)
	private File pool_image;

	@Parameter(label = "Pool labels (ground truth)", persist = false)
	private File pool_labels;

	@Parameter(label = "Evaluation image (test)", persist = false)
	private File eval_image;

	@Parameter(label = "Evaluation labels", persist = false)
	private File eval_labels;

	@Parameter(label = "Strategies (comma-separated)", persist = false,
		required = false)
	private String strategies = SimulationConfig.DEFAULT_STRATEGIES;

	@Parameter(label = "Budget (patches)", persist = false, required = false,
		min = "1")
	private int budget = SimulationConfig.DEFAULT_BUDGET;

	@Parameter(label = "Step (patches per round)", persist = false,
		required = false, min = "1")
	private int step = SimulationConfig.DEFAULT_STEP;

	@Parameter(label = "Seeds", persist = false, required = false, min = "1")
	private int seeds = SimulationConfig.DEFAULT_SEEDS;

	@Parameter(label = "Foreground value", persist = false, required = false)
	private int foreground = 255;

	@Parameter(label = "Cold start (who picks the initial set)",
		persist = false, required = false, choices = { "random", "strategy" })
	private String cold_start = "random";

	@Parameter(label = "Quick (small model, few steps)", persist = false,
		required = false)
	private boolean quick = false;

	@Parameter(label = "Output folder", persist = false, style = "directory")
	private File output_dir;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Full-supervision IoU")
	private double reference_iou;

	@Override
	public void run() {
		TensorFlowLibraries.requireCompatible();
		final List<Long> seedList = new ArrayList<>();
		for (long i = 1; i <= seeds; i++)
			seedList.add(i);
		final SimulationConfig config = new SimulationConfig(Arrays.asList(
			strategies.split("\\s*,\\s*")), budget, step, seedList, step, 64,
			foreground, quick, output_dir.toPath(), SimulationConfig.ColdStart.of(
				cold_start));
		try (Simulator sim = new Simulator(new Simulator.Settings(pool_image.getPath(),
			pool_labels.getPath(), eval_image.getPath(), eval_labels.getPath(), null, null,
			config, SimulationTuning.defaults(quick)), new StatusServiceProgress(
				status, this::isCanceled)))
		{
			if (!sim.checkInput()) throw new UserException(sim.getErrorMessage(),
				"fix the input and run again");
			sim.process();
			reference_iou = sim.getResult().referenceIou();
		}
	}
}
