package io.github.twostream.acquisition;

/**
 * One suggested patch with the score that ranked it and the per-stream
 * scores behind it ({@code NaN} where a stream is absent).
 *
 * @param patchId the patch id in the project's grid
 * @param rank 1-based position in the batch (1 = ask first)
 * @param score the strategy's combined score (strategy-specific scale;
 *          {@code NaN} for strategies without one, e.g. random)
 * @param entropy stream A mean pixel entropy
 * @param margin stream A 1 - margin (higher = more uncertain)
 * @param bald stream A BALD mutual information
 * @param typicality stream B typicality
 * @param novelty stream B distance to the nearest labelled patch
 */
public record Suggestion(int patchId, int rank, double score, double entropy,
	double margin, double bald, double typicality, double novelty)
{}
