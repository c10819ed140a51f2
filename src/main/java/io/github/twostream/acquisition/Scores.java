package io.github.twostream.acquisition;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Score helpers shared by the strategies: rank normalisation, top-k. */
public final class Scores {

	private Scores() {}

	/**
	 * Rank-normalises {@code values} over the {@code candidates}: the result
	 * (indexed by patch id, 0 for non-candidates) is {@code (rank + 1) / m}
	 * with rank 0 for the lowest of the {@code m} candidates, so it lies in
	 * {@code (0, 1]}. Ties get their average rank; NaN counts as the lowest.
	 * <p>
	 * NB: ranks make streams with different scales (entropy in nats, cosine
	 * distances, kNN densities) comparable without tuning, and are robust to
	 * outliers in any one of them.
	 * </p>
	 */
	public static double[] rankNormalised(final double[] values,
		final int[] candidates, final int n)
	{
		final int m = candidates.length;
		final double[] out = new double[n];
		final Integer[] order = new Integer[m];
		for (int i = 0; i < m; i++)
			order[i] = i;
		final Comparator<Integer> byValue = Comparator.comparingDouble(
			i -> key(values[candidates[i]]));
		Arrays.sort(order, byValue);
		int i = 0;
		while (i < m) {
			int j = i;
			final double v = key(values[candidates[order[i]]]);
			while (j + 1 < m && key(values[candidates[order[j + 1]]]) == v)
				j++;
			final double rank = (i + j) / 2.0;
			for (int t = i; t <= j; t++)
				out[candidates[order[t]]] = (rank + 1) / m;
			i = j + 1;
		}
		return out;
	}

	private static double key(final double v) {
		return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
	}

	/**
	 * The {@code k} candidates with the highest {@code score} (indexed by
	 * patch id), best first; ties go to the lower id. NaN counts as lowest.
	 */
	public static int[] topK(final double[] score, final int[] candidates,
		final int k)
	{
		return IntStream.of(candidates).boxed().sorted(Comparator
			.comparingDouble((Integer id) -> -key(score[id])).thenComparingInt(
				id -> id)).limit(k).mapToInt(Integer::intValue).toArray();
	}
}
