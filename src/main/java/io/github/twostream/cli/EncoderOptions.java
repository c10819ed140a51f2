package io.github.twostream.cli;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.structure.EncoderConfig;
import picocli.CommandLine.Option;

/** Structure encoder (stream B) options shared by subcommands. */
public class EncoderOptions {

	static final int DEFAULT_EPOCHS = 10;
	static final long DEFAULT_SEED = 42;

	// NB: no picocli defaults, so that "not given" can mean "the project's
	// current encoder" (see #configFor)
	@Option(names = "--epochs", paramLabel = "N",
		description = "Encoder training epochs over the pool (default: " +
			DEFAULT_EPOCHS + ").")
	Integer epochs;

	@Option(names = "--encoder-seed", paramLabel = "S",
		description = "Encoder seed (default: " + DEFAULT_SEED + ").")
	Long seed;

	EncoderConfig config(final int patchSize) {
		if (epochs != null) BadArgumentException.atLeast("--epochs", epochs, 1);
		return SuggestSettings.withPatchSize(EncoderConfig.defaults(), patchSize)
			.withEpochs(epochs == null ? DEFAULT_EPOCHS : epochs).withSeed(
				seed == null ? DEFAULT_SEED : seed);
	}

	/**
	 * The given settings, or if none is given the project's current encoder
	 * (whatever epochs it was trained with), else the defaults.
	 */
	EncoderConfig configFor(final ProjectSession s) {
		if (epochs == null && seed == null) return StructureStage.configFor(s);
		return config(s.grid().patchSize());
	}
}
