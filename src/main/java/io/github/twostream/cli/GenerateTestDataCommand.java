package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.testdata.TestData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes the deterministic synthetic EM test data set into a folder. */
@Command(name = "generate-test-data", mixinStandardHelpOptions = true,
	description = "Write synthetic EM-like train/test volumes with mitochondria and membrane labels (8-bit TIFF) and a README.")
public class GenerateTestDataCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "DIR", description = "Output folder (created if needed).")
	Path dir;

	@Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}); same seed -> identical files.")
	long seed;

	@Override
	public Integer call() {
		TestData.generate(dir, seed, new ConsoleProgress());
		for (final String f : TestData.FILES)
			System.out.println(dir.resolve(f));
		return 0;
	}
}
