package io.github.twostream.structure;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * How well an embedding groups patches by content: the share of each
 * patch's K nearest neighbours whose foreground fraction falls in the same
 * {@link ForegroundBins bin} as its own, against chance (the sum of squared
 * bin frequencies: the agreement of random neighbours).
 * <p>
 * Optional groups exclude near-duplicates: neighbours in the same group as
 * the patch are skipped. NB: in a serial-section volume the patch at the
 * same (y, x) in the next slice is almost the same image, so without
 * grouping by (y, x) the measure rewards finding that copy (raw pixels do
 * this best) rather than finding other patches with similar content.
 * </p>
 */
public final class EmbeddingQuality {

	/** Default neighbour count of the measure. */
	public static final int DEFAULT_K = 10;

	/**
	 * @param agreement mean share of same-bin neighbours, in [0, 1]
	 * @param chance sum of squared bin frequencies
	 * @param binCounts patches per bin
	 */
	public record Report(double agreement, double chance, int k,
		int[] binCounts)
	{

		/** Agreement divided by chance (1 = no better than random). */
		public double lift() {
			return agreement / chance;
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT,
				"agreement %.3f, chance %.3f, lift %.2f, k %d, bins %s", agreement,
				chance, lift(), k, java.util.Arrays.toString(binCounts));
		}
	}

	private EmbeddingQuality() {}

	/** The measure for {@code vectors} with neighbours found by pool size. */
	public static Report measure(final float[][] vectors,
		final double[] foreground, final int k, final ForegroundBins bins,
		final Progress progress)
	{
		return measure(vectors, foreground, null, k, bins, progress);
	}

	/**
	 * The measure, skipping neighbours of the patch's own group.
	 *
	 * @param groups a group id per patch, or null for no exclusion
	 */
	public static Report measure(final float[][] vectors,
		final double[] foreground, final int[] groups, final int k,
		final ForegroundBins bins, final Progress progress)
	{
		if (vectors.length != foreground.length) throw new UserException(
			"Got " + vectors.length + " embeddings but " + foreground.length +
				" foreground fractions", "give one fraction per patch");
		if (groups == null) return measure(Neighbors.of(vectors, k, progress),
			foreground, null, k, bins);
		final java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
		int largest = 0;
		for (final int g : groups)
			largest = Math.max(largest, sizes.merge(g, 1, Integer::sum));
		final int search = Math.min(vectors.length - 1, k + largest - 1);
		return measure(Neighbors.of(vectors, search, progress), foreground, groups,
			k, bins);
	}

	/**
	 * The measure on precomputed neighbour lists: the first {@code k}
	 * neighbours outside the patch's group count (fewer if the lists run out).
	 */
	public static Report measure(final NeighborLists neighbors,
		final double[] foreground, final int[] groups, final int k,
		final ForegroundBins bins)
	{
		final int n = neighbors.size();
		final int[] bin = new int[n];
		final int[] counts = new int[bins.count()];
		for (int i = 0; i < n; i++)
			counts[bin[i] = bins.bin(foreground[i])]++;
		double agree = 0;
		for (int i = 0; i < n; i++) {
			int same = 0, used = 0;
			for (final int id : neighbors.ids()[i]) {
				if (used == k) break;
				if (groups != null && groups[id] == groups[i]) continue;
				used++;
				if (bin[id] == bin[i]) same++;
			}
			agree += used > 0 ? same / (double) used : 0;
		}
		double chance = 0;
		for (final int c : counts)
			chance += (c / (double) n) * (c / (double) n);
		return new Report(agree / n, chance, k, counts);
	}

	/**
	 * The raw-pixel baseline: the same measure on the patches' pixels reduced
	 * by PCA to {@code dim} dimensions (fitted on at most 4,000 patches).
	 */
	public static Report rawPixelBaseline(final PatchSource source,
		final double[] foreground, final int dim, final int k,
		final ForegroundBins bins, final Progress progress)
	{
		return measure(rawPixelPca(source, dim, progress), foreground, null, k,
			bins, progress);
	}

	/**
	 * Raw pixels reduced by PCA to {@code dim} dimensions (fitted on at most
	 * 4,000 patches, 8 subspace iterations): the baseline embedding.
	 */
	public static float[][] rawPixelPca(final PatchSource source, final int dim,
		final Progress progress)
	{
		return Pca.fit(source, dim, 4000, 8, 1, progress).project(source);
	}
}
