package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.twostream.loop.Evaluation;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.TaskModel;

/**
 * The full-supervision reference of a simulation: a model trained on the
 * whole pool (or a seeded subset) with the rounds' recipe
 * ({@link TaskStage#fit}: preset, weight averaging, a held-out tenth for the
 * threshold) for {@code referenceSteps}, evaluated on the test volume, cached
 * in {@code reference.csv}.
 */
final class FullSupervision {

	/** Seed of the reference model and its patch subset. */
	static final long REFERENCE_SEED = 42;

	private final Simulator sim;

	FullSupervision(final Simulator sim) {
		this.sim = sim;
	}

	/** {IoU, Dice} of the reference model, from reference.csv if cached. */
	double[] iouDice() {
		final Path file = sim.config.outDir().resolve("reference.csv");
		final int n = sim.tuning.referencePatches() == 0 ? sim.grid.size() : Math
			.min(sim.grid.size(), sim.tuning.referencePatches());
		final ModelPreset preset = sim.preset(REFERENCE_SEED);
		final Simulator.Settings in = sim.settings;
		final String key = SimulationFiles.hash("train=" + Simulator.fingerprint(in
			.image(), in.trainSlices()) + ";labels=" + Simulator.fingerprint(in
				.labels(), in.trainSlices()) + ";test=" + Simulator.fingerprint(in
					.testImage(), in.testSlices()) + ";testLabels=" + Simulator
						.fingerprint(in.testLabels(), in.testSlices()) + ";fg=" + sim.config
							.foreground() + ";preset=" + preset + ";averaging=" + sim.tuning
								.averaging() + ";steps=" + sim.tuning
								.referenceSteps() + ";patches=" + n + ";evalSlices=" + sim.tuning
									.evalSlices());
		try {
			if (Files.exists(file)) {
				final List<String> lines = Files.readAllLines(file);
				if (lines.size() >= 2) {
					final String[] f = lines.get(1).split(",");
					if (f.length == 6 && f[0].equals(key)) {
						sim.progress.status("Full-supervision reference from " + file +
							": IoU " + f[3]);
						return new double[] { Double.parseDouble(f[3]), Double
							.parseDouble(f[4]) };
					}
				}
			}
		}
		catch (final IOException | NumberFormatException e) {
			// NB: an unreadable cache is recomputed and overwritten
		}
		final long t0 = System.nanoTime();
		final List<Integer> ids = Simulator.shuffled(sim.allIds(), REFERENCE_SEED);
		// NB: in ascending ids, as the rounds (and a project) train
		final Map<Integer, byte[]> masks = new TreeMap<>();
		sim.progress.status("Full-supervision reference: labelling " + n +
			" patches");
		for (final int id : ids.subList(0, n)) {
			sim.progress.checkCancelled();
			masks.put(id, sim.oracle.annotate(sim.grid.get(id)));
		}
		final Evaluation.Scores s;
		try (TaskModel model = new TaskModel(preset.unet(), preset
			.augmentation()))
		{
			sim.progress.status("Full-supervision reference: training on " + n +
				" patches, " + sim.tuning.referenceSteps() + " steps");
			TaskStage.fit(model, preset, sim.trainVolume, sim.grid, masks,
				new TaskStage.FitOptions(sim.tuning.referenceSteps(), false, sim.tuning
					.averaging()), sim.progress);
			sim.progress.status("Full-supervision reference: evaluating");
			s = Evaluation.evaluate(model, sim.testVolume, sim.testLabels, sim.config
				.foreground(), sim.tuning.evalSlices(), sim.progress);
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		SimulationFiles.write(file, "key,patches,steps,iou,dice,seconds\n" + key + "," + n + "," +
			sim.tuning.referenceSteps() + "," + Curves.num(s.iou()) + "," + Curves.num(s
				.dice()) + "," + Curves.num(seconds) + "\n");
		sim.progress.status("Full-supervision reference: IoU " + Curves.num(s.iou()));
		// NB: as written, so a resumed run (which reads reference.csv) and
		// 'summarise' report exactly what this run reports
		return new double[] { Double.parseDouble(Curves.num(s.iou())), Double
			.parseDouble(Curves.num(s.dice())) };
	}
}
