package io.github.twostream.model;

/**
 * Stream A scores of a batch of patches, one entry per patch; for every score
 * higher means more uncertain (more worth labelling).
 *
 * @param entropy mean binary pixel entropy of the deterministic prediction, in
 *          bits (0..1)
 * @param margin mean margin uncertainty {@code 1 - |2p - 1|} of the
 *          deterministic prediction (0..1); for two classes {@code |2p-1|} is
 *          the standard top-2 margin {@code p_max - p_second}
 * @param bald mean BALD mutual information (bits) from T MC-dropout passes;
 *          all 0 when T = 0
 * @param embedding L2-normalised global-average-pooled bottleneck features,
 *          {@code [n][C]}
 */
public record PatchScores(float[] entropy, float[] margin, float[] bald,
	float[][] embedding)
{

	public int count() {
		return entropy.length;
	}
}
