package io.github.twostream.store;

/**
 * The per-stream scores of one suggested patch; null where a stream did not
 * compute a score.
 *
 * @param entropy stream A: predictive entropy
 * @param margin stream A: margin uncertainty
 * @param bald stream A: BALD (mutual information, MC dropout)
 * @param typicality stream B: typicality in the encoder's embedding space
 * @param novelty stream B: distance to the labelled set
 * @param combined the score the suggestions were ranked by
 */
public record StreamScores(Double entropy, Double margin, Double bald,
	Double typicality, Double novelty, Double combined)
{

	/** Scores with only the combined score set. */
	public static StreamScores combinedOnly(final double combined) {
		return new StreamScores(null, null, null, null, null, combined);
	}
}
