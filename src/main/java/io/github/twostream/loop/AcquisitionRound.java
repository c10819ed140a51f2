package io.github.twostream.loop;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.twostream.acquisition.AcquisitionContext;
import io.github.twostream.acquisition.AcquisitionStrategy;
import io.github.twostream.acquisition.Selection;
import io.github.twostream.model.PatchScores;
import io.github.twostream.model.TaskModel;
import io.github.twostream.structure.Neighbors;
import io.github.twostream.structure.PatchSource;
import io.github.twostream.structure.PatchSources;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.Progress;

/**
 * The acquisition step of an active-learning round, written once: stream A
 * scores from the task model (if the strategy needs them), the
 * {@link AcquisitionContext} with both streams, and the strategy's picks.
 * {@link SuggestionEngine} (CLI {@code suggest} and {@code demo}, the Fiji
 * commands) and the simulator both call {@link #run}; a round of either thus
 * picks the same patches for the same model, labels and seed.
 */
public final class AcquisitionRound {

	private AcquisitionRound() {}

	/**
	 * Stream B of a pool, computed once per pool.
	 *
	 * @param embedding the encoder's embedding of every patch (L2-normalised)
	 * @param typicality pool-wide typicality of every patch
	 */
	public record StreamB(float[][] embedding, double[] typicality) {

		/** Typicality with {@code k} neighbours (at most n - 1). */
		public static StreamB of(final float[][] embedding, final int k,
			final Progress progress)
		{
			return new StreamB(embedding, Typicality.of(embedding, Math.min(k,
				embedding.length - 1), Neighbors.bySize(), progress));
		}
	}

	/**
	 * What to choose.
	 *
	 * @param k patches to pick
	 * @param seed the strategy's seed
	 * @param round round number recorded in the context
	 * @param mcPasses MC-dropout passes when BALD is read (0: none)
	 * @param allScores score stream A (with BALD) whenever a model exists,
	 *          for the user's tables and heatmaps; else only what the
	 *          strategy declares it needs
	 * @param groundTruthForeground the ground truth's foreground fraction of
	 *          every pool patch, for strategies that
	 *          {@link AcquisitionStrategy#needsGroundTruth() need it}
	 *          (simulation only), or null
	 */
	public record Request(AcquisitionStrategy strategy, int k, long seed,
		int round, int mcPasses, boolean allScores,
		double[] groundTruthForeground)
	{

		/** A request without ground truth (every user's round). */
		public Request(final AcquisitionStrategy strategy, final int k,
			final long seed, final int round, final int mcPasses,
			final boolean allScores)
		{
			this(strategy, k, seed, round, mcPasses, allScores, null);
		}
	}

	/**
	 * The outcome.
	 *
	 * @param ids the picked pool ids, in order
	 * @param selection the strategy's answer, in context ids
	 * @param context the context it chose from
	 * @param streamA stream A of the context's patches, or null
	 * @param local the pool id of every context id, or null when the context
	 *          is the whole pool
	 */
	public record Outcome(int[] ids, Selection selection,
		AcquisitionContext context, PatchScores streamA, int[] local)
	{}

	/**
	 * Chooses {@code request.k()} patches.
	 *
	 * @param pool the patches (pool ids {@code 0 .. n-1})
	 * @param labelled labelled pool ids
	 * @param candidates the unlabelled pool ids to choose from, or null for
	 *          every unlabelled patch; with a subset, the context holds the
	 *          labelled patches and the candidates, ascending pool ids
	 * @param model the task model, or null (cold start)
	 */
	public static Outcome run(final PatchSource pool, final StreamB streamB,
		final Collection<Integer> labelled, final int[] candidates,
		final TaskModel model, final Request request, final Progress progress)
	{
		final AcquisitionStrategy strategy = request.strategy();
		final int[] local = candidates == null ? null : local(labelled,
			candidates);
		final PatchSource patches = local == null ? pool : PatchSources.subset(
			pool, local);
		PatchScores a = null;
		if (model != null && (strategy.needsTaskModel() || request.allScores())) {
			final int passes = strategy.needsBald() || request.allScores() ? request
				.mcPasses() : 0;
			a = StreamA.scorePool(model, patches, passes, progress);
		}
		final Set<Integer> done = new HashSet<>(labelled);
		AcquisitionContext ctx = Contexts.of(patches.count(), local == null
			? done : labelledLocal(done, local), a, subset(streamB.embedding(),
				local), subset(streamB.typicality(), local), request.round());
		if (strategy.needsGroundTruth() && request.groundTruthForeground() != null)
			ctx = ctx.withGroundTruthForeground(subset(request
				.groundTruthForeground(), local));
		final Selection selection = strategy.select(ctx, request.k(), request
			.seed(), progress);
		return new Outcome(poolIds(selection, local, done, strategy), selection,
			ctx, a, local);
	}

	/** Labelled ids, then the candidates: ascending pool ids. */
	private static int[] local(final Collection<Integer> labelled,
		final int[] candidates)
	{
		final TreeSet<Integer> all = new TreeSet<>(labelled);
		for (final int c : candidates)
			all.add(c);
		return all.stream().mapToInt(Integer::intValue).toArray();
	}

	/** The context ids of the labelled patches. */
	private static List<Integer> labelledLocal(final Set<Integer> labelled,
		final int[] local)
	{
		final List<Integer> out = new ArrayList<>(labelled.size());
		for (int i = 0; i < local.length; i++)
			if (labelled.contains(local[i])) out.add(i);
		return out;
	}

	private static int[] poolIds(final Selection selection, final int[] local,
		final Set<Integer> labelled, final AcquisitionStrategy strategy)
	{
		final int[] ids = selection.ids();
		final BitSet seen = new BitSet();
		for (int i = 0; i < ids.length; i++) {
			if (local != null) ids[i] = local[ids[i]];
			if (labelled.contains(ids[i]) || seen.get(ids[i]))
				throw new IllegalStateException("Strategy " + strategy.name() +
					" selected labelled or repeated patch " + ids[i]);
			seen.set(ids[i]);
		}
		return ids;
	}

	private static float[][] subset(final float[][] v, final int[] local) {
		if (local == null) return v;
		final float[][] out = new float[local.length][];
		for (int i = 0; i < local.length; i++)
			out[i] = v[local[i]];
		return out;
	}

	private static double[] subset(final double[] v, final int[] local) {
		if (local == null) return v;
		final double[] out = new double[local.length];
		for (int i = 0; i < local.length; i++)
			out[i] = v[local[i]];
		return out;
	}
}
