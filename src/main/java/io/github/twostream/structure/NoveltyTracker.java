package io.github.twostream.structure;

import java.util.Arrays;

import io.github.twostream.util.UserException;

/**
 * Novelty of every patch: its Euclidean distance, in the embedding, to the
 * nearest labelled patch; updated incrementally as labels arrive, in
 * O(n * new labels) per update.
 * <p>
 * Before any label every patch is maximally novel:
 * {@link Float#POSITIVE_INFINITY}.
 * </p>
 */
public final class NoveltyTracker {

	private final float[][] embeddings;
	private final float[] minSq;
	private final boolean[] labelled;
	private int labelledCount;

	/** @param embeddings the pool's vectors (not copied; do not modify) */
	public NoveltyTracker(final float[][] embeddings) {
		this.embeddings = embeddings;
		this.minSq = new float[embeddings.length];
		this.labelled = new boolean[embeddings.length];
		Arrays.fill(minSq, Float.POSITIVE_INFINITY);
	}

	/** Marks patches as labelled; already labelled ids are ignored. */
	public void addLabelled(final int... ids) {
		for (final int id : ids)
			if (id < 0 || id >= embeddings.length) throw new UserException(
				"Unknown patch id " + id, "valid ids are 0 to " + (embeddings.length -
					1));
		final int[] fresh = Arrays.stream(ids).distinct().filter(
			id -> !labelled[id]).toArray();
		if (fresh.length == 0) return;
		for (final int id : fresh)
			labelled[id] = true;
		labelledCount += fresh.length;
		final int n = embeddings.length;
		for (int i = 0; i < n; i++) {
			final float[] x = embeddings[i];
			float best = minSq[i];
			for (final int id : fresh) {
				final float d2 = HnswNeighbors.squaredDistance(x, embeddings[id]);
				if (d2 < best) best = d2;
			}
			minSq[i] = best;
		}
	}

	/** Number of labelled patches so far. */
	public int labelledCount() {
		return labelledCount;
	}

	public boolean isLabelled(final int id) {
		return labelled[id];
	}

	/** Distance of patch {@code id} to the nearest labelled patch. */
	public float novelty(final int id) {
		return (float) Math.sqrt(minSq[id]);
	}

	/** Novelty of all patches (a new array). */
	public float[] novelty() {
		final float[] out = new float[minSq.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.sqrt(minSq[i]);
		return out;
	}
}
