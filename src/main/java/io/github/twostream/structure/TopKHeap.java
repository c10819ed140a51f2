package io.github.twostream.structure;

/**
 * A bounded max-heap on parallel arrays (distance, id) that keeps the k
 * smallest distances; allocation-free, for the inner loops of kNN.
 */
final class TopKHeap {

	private TopKHeap() {}

	/** Adds (d, id) to a heap of {@code size} < capacity entries. */
	static void push(final float[] hd, final int[] hi, final int size,
		final float d, final int id)
	{
		int c = size;
		while (c > 0) {
			final int p = (c - 1) >> 1;
			if (hd[p] >= d) break;
			hd[c] = hd[p];
			hi[c] = hi[p];
			c = p;
		}
		hd[c] = d;
		hi[c] = id;
	}

	/** Replaces the largest entry of a full heap of {@code size} by (d, id). */
	static void replaceTop(final float[] hd, final int[] hi, final int size,
		final float d, final int id)
	{
		int c = 0;
		while (true) {
			final int l = 2 * c + 1;
			if (l >= size) break;
			final int r = l + 1;
			final int big = r < size && hd[r] > hd[l] ? r : l;
			if (hd[big] <= d) break;
			hd[c] = hd[big];
			hi[c] = hi[big];
			c = big;
		}
		hd[c] = d;
		hi[c] = id;
	}

	/**
	 * Writes the heap's entries sorted ascending, with distances square-rooted
	 * (the heap holds squared distances); destroys the heap.
	 */
	static void sortInto(final float[] hd, final int[] hi, final int size,
		final float[] outD, final int[] outI)
	{
		for (int s = size; s > 0; s--) {
			outD[s - 1] = (float) Math.sqrt(hd[0]);
			outI[s - 1] = hi[0];
			final float lastD = hd[s - 1];
			final int lastI = hi[s - 1];
			replaceTop(hd, hi, s - 1, lastD, lastI);
		}
	}
}
