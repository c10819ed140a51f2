package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.simulation.SimulationReports;
import io.github.twostream.simulation.Summaries;
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

	@Override
	public Integer call() {
		final var summaries = SimulationReports.refresh(out, new ConsoleProgress());
		final double reference = SimulationReports.referenceIou(out);
		System.out.print(SimulationReports.table(summaries, reference));
		if (perSeed) System.out.print(SimulationReports.perSeedTable(Summaries
			.perSeed(SimulationReports.curves(out), reference)));
		return 0;
	}
}
