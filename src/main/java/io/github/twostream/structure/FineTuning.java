package io.github.twostream.structure;

import io.github.twostream.util.UserException;

/**
 * The switch for optional supervised fine-tuning of the structure encoder on
 * the labels gathered so far (see {@link ContrastiveEncoder#fineTune}).
 * <p>
 * NB: off by default: stream B is meant to describe the data independently
 * of the task, and a fine-tuned encoder changes every embedding.
 * </p>
 *
 * @param enabled whether to fine-tune at all
 * @param epochs passes over the labelled patches
 */
public record FineTuning(boolean enabled, int epochs) {

	public FineTuning {
		if (epochs < 0) throw new UserException("Fine-tuning epochs " + epochs +
			" is negative", "use 0 or more epochs");
	}

	/** Fine-tuning off (the default). */
	public static FineTuning off() {
		return new FineTuning(false, 0);
	}

	/** Fine-tuning on, for {@code epochs} passes. */
	public static FineTuning on(final int epochs) {
		return new FineTuning(true, epochs);
	}
}
