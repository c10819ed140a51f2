package io.github.twostream.loop;

import java.util.Collection;

import io.github.twostream.acquisition.AcquisitionContext;
import io.github.twostream.model.PatchScores;
import io.github.twostream.structure.Neighbors;

/** Builds the {@link AcquisitionContext} of a round from both streams. */
public final class Contexts {

	private Contexts() {}

	/**
	 * @param streamA the task model's scores, or null before the first model
	 *          (cold start)
	 * @param embedding stream B embedding, L2-normalised rows
	 * @param typicality stream B typicality
	 */
	public static AcquisitionContext of(final int n,
		final Collection<Integer> labelled, final PatchScores streamA,
		final float[][] embedding, final double[] typicality, final int round)
	{
		final AcquisitionContext.Builder b = AcquisitionContext.builder(n) //
			.labelled(labelled).round(round) //
			.unsupervisedEmbedding(embedding).typicality(typicality) //
			// NB: the TF-backed exact search (HNSW above 100k patches)
			.neighbors(Neighbors.bySize());
		if (streamA != null) {
			// NB: stream A's margin is 1 - |2p - 1|: higher = more uncertain, as
			// the acquisition context expects.
			b.entropy(toDouble(streamA.entropy())).margin(toDouble(streamA.margin()))
				.supervisedEmbedding(streamA.embedding());
			if (streamA.bald() != null) b.bald(toDouble(streamA.bald()));
		}
		return b.build();
	}

	static double[] toDouble(final float[] v) {
		final double[] d = new double[v.length];
		for (int i = 0; i < v.length; i++)
			d[i] = v[i];
		return d;
	}
}
