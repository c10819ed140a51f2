package io.github.twostream.cli;

import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import picocli.CommandLine.Option;

/** Task model (U-Net) options shared by subcommands: a preset, optionally overridden. */
public class ModelOptions {

	@Option(names = "--preset", defaultValue = ModelPreset.FAST, paramLabel = "NAME",
		description = "Model preset: fast (CPU default, used in the loop) or accurate (bigger, longer; GPU or overnight). Default ${DEFAULT-VALUE}.")
	String preset;

	@Option(names = "--depth", paramLabel = "N",
		description = "U-Net levels (default: the preset's, fast 3).")
	Integer depth;

	@Option(names = "--filters", paramLabel = "N",
		description = "Filters of the first level, doubling per level (default: the preset's, fast 16).")
	Integer filters;

	@Option(names = "--input-sections", paramLabel = "N",
		description = "Neighbouring sections on each side the network sees as extra input channels (2.5-D; 0 = each slice alone; default: the preset's, fast 1).")
	Integer inputSections;

	@Option(names = "--seed", defaultValue = "42", paramLabel = "S",
		description = "Seed of weights, augmentation and batches (default: ${DEFAULT-VALUE}).")
	long seed;

	ModelPreset preset(final int patchSize) {
		final ModelPreset p = ModelPreset.named(preset, patchSize);
		final UNetConfig u = p.unet();
		return p.withUnet(u.withArchitecture(depth != null ? depth : u.depth(),
			filters != null ? filters : u.baseFilters()).withInputSections(
				inputSections != null ? inputSections : u.inputSections()).withSeed(
					seed));
	}
}
