package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.simulation.Bootstrap;
import io.github.twostream.simulation.CostModel;
import io.github.twostream.simulation.Curves;
import io.github.twostream.simulation.PickComposition;
import io.github.twostream.simulation.SimulationReports;
import io.github.twostream.simulation.Summaries;
import io.github.twostream.util.BadArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code summarise OUT}: the reports of a {@code simulate} output folder,
 * refreshed from its curves without training (a running or stopped
 * comparison).
 */
@Command(name = "summarise", aliases = "summarize", mixinStandardHelpOptions = true,
	description = "Rewrite summary.csv and curves.png of a 'simulate' output " +
		"folder from its curves.csv and reference.csv, and print the table: " +
		"the figures of a comparison that is still running or was stopped, over " +
		"the seeds it has. Trains nothing.")
public class SummariseCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "OUT",
		description = "A 'twostream simulate' output folder (its --out).")
	Path out;

	@Option(names = "--per-seed",
		description = "Also print each (strategy, seed) curve: the patches it " +
			"reached, its last IoU and where it first crossed 90 / 95 %% of full " +
			"supervision.")
	boolean perSeed;

	@Option(names = "--annotation-cost", paramLabel = "BASE,PER_PIXEL",
		description = "Count the SIMULATED annotation minutes (summary.csv's " +
			"minutes_to_*, curves-minutes.png) at this pace: seconds per patch, " +
			"seconds per outline pixel, as 'cost-model' fits them to a project's " +
			"recorded timings (default: the simulation's assumed 4,0.05). " +
			"curves.csv is not changed.")
	String annotationCost;

	@Option(names = "--compare", paramLabel = "A,B", split = ",",
		description = "Also print the paired differences A - B (AUC, patches to " +
			"90 / 95 %%) with 95 %% intervals from resampling the seeds both ran: " +
			"a seed's initial set is shared, so its luck cancels in the " +
			"difference. E.g. two-stream,uncertainty.")
	List<String> compare;

	@Option(names = "--picks",
		description = "Also print what each strategy's picks contain: the " +
			"ground truth's foreground pixel share and the share of patches with " +
			"any foreground, for the initial set, rounds 1-4 and rounds 5+, beside " +
			"the pool's, and how many different initial sets its seeds started " +
			"from (with --per-seed: also each seed's). Reads the labels named in " +
			"the folder's run.txt.")
	boolean picks;

	@Override
	public Integer call() {
		// NB: every argument is checked, and the comparison computed, before
		// the reports are rewritten
		final CostModel cost = annotationCost == null ? CostModel.DEFAULT
			: CostModel.parse(annotationCost);
		if (compare != null && compare.size() != 2) throw new BadArgumentException(
			"--compare takes two strategies, not " + compare.size(),
			"e.g. --compare two-stream,uncertainty");
		final Curves curves = SimulationReports.curves(out);
		final double reference = SimulationReports.referenceIou(out);
		final Bootstrap.Paired paired = compare == null ? null : Bootstrap.paired(
			curves, compare.get(0), compare.get(1), reference);
		final PickComposition.Report composition = picks ? PickComposition.of(out,
			curves, perSeed, new ConsoleProgress()) : null;
		final var summaries = SimulationReports.refresh(out, curves
			.withAnnotationCost(cost), reference, new ConsoleProgress());
		System.out.print(SimulationReports.table(summaries, reference));
		if (!cost.equals(CostModel.DEFAULT)) System.out.printf(Locale.ROOT,
			"annotation minutes at %.2f s per patch + %.4f s per outline pixel " +
				"(--annotation-cost; the simulation assumed %.2f + %.4f)%n", cost.base(),
			cost.perBoundaryPixel(), CostModel.DEFAULT.base(), CostModel.DEFAULT
				.perBoundaryPixel());
		if (paired != null) System.out.print(SimulationReports.pairedLine(paired));
		if (perSeed) System.out.print(SimulationReports.perSeedTable(Summaries
			.perSeed(curves, reference)));
		if (composition != null) System.out.print(PickComposition.table(
			composition));
		return 0;
	}
}
