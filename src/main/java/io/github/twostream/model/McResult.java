package io.github.twostream.model;

/**
 * Per-pixel result of MC-dropout prediction, laid out like the input batch.
 *
 * @param meanProbability mean foreground probability over the T passes
 * @param mutualInformation BALD per pixel (bits): {@code H(mean p) - mean H(p_t)}
 * @param passes the number T of stochastic passes
 */
public record McResult(float[] meanProbability, float[] mutualInformation,
	int passes)
{}
