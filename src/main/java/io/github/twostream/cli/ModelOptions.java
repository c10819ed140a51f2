package io.github.twostream.cli;

import io.github.twostream.model.UNetConfig;
import picocli.CommandLine.Option;

/** Task model (U-Net) options shared by subcommands. */
public class ModelOptions {

	@Option(names = "--depth", defaultValue = "3", paramLabel = "N",
		description = "U-Net levels (default: ${DEFAULT-VALUE}).")
	int depth;

	@Option(names = "--filters", defaultValue = "16", paramLabel = "N",
		description = "Filters of the first level, doubling per level (default: ${DEFAULT-VALUE}).")
	int filters;

	@Option(names = "--seed", defaultValue = "42", paramLabel = "S",
		description = "Seed of weights, augmentation and batches (default: ${DEFAULT-VALUE}).")
	long seed;

	UNetConfig config(final int patchSize) {
		return UNetConfig.reference().withPatchSize(patchSize).withArchitecture(
			depth, filters).withSeed(seed);
	}
}
