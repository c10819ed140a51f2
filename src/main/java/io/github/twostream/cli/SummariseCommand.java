package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.simulation.SimulationReports;
import picocli.CommandLine.Command;
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

	@Override
	public Integer call() {
		final var summaries = SimulationReports.refresh(out, new ConsoleProgress());
		System.out.print(SimulationReports.table(summaries, SimulationReports
			.referenceIou(out)));
		return 0;
	}
}
