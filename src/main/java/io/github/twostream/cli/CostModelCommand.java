package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.simulation.AnnotationCosts;
import io.github.twostream.simulation.CostModel;
import io.github.twostream.store.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cost-model PROJECT}: the annotation cost measured in a project. */
@Command(name = "cost-model", mixinStandardHelpOptions = true,
	description = "Fit the annotation cost model (seconds = base + seconds per " +
		"outline pixel x outline) to the active seconds the annotation view " +
		"recorded per accepted patch, and compare it with the simulation's " +
		"assumed default.")
public class CostModelCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Override
	public Integer call() {
		try (Project p = Project.open(project)) {
			final CostModel.Fit fit = AnnotationCosts.measure(p);
			System.out.print(AnnotationCosts.describe(fit));
			System.out.printf(Locale.ROOT,
				"a simulation's minutes at this pace: twostream summarise DIR " +
					"--annotation-cost %.2f,%.4f%n", fit.model().base(), fit.model()
						.perBoundaryPixel());
		}
		return 0;
	}
}
