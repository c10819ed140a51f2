package io.github.twostream.cli;

import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.structure.EncoderConfig;
import picocli.CommandLine.Option;

/** Structure encoder (stream B) options shared by subcommands. */
public class EncoderOptions {

	@Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
		description = "Encoder training epochs over the pool (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--encoder-seed", defaultValue = "42", paramLabel = "S",
		description = "Encoder seed (default: ${DEFAULT-VALUE}).")
	long seed;

	EncoderConfig config(final int patchSize) {
		return SuggestSettings.withPatchSize(EncoderConfig.defaults(), patchSize)
			.withEpochs(epochs).withSeed(seed);
	}
}
