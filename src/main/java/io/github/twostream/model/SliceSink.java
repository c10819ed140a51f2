package io.github.twostream.model;

/** Receives the prediction of one z-slice; it may keep the array. */
@FunctionalInterface
public interface SliceSink {

	/** Foreground probabilities of slice {@code z}, row-major. */
	void accept(int z, float[] probability);
}
