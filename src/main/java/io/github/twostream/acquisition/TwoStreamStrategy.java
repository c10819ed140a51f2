package io.github.twostream.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.scijava.plugin.Plugin;

import io.github.twostream.math.Distances;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The default strategy: uncertain, typical and novel patches, as a diverse
 * batch.
 * <p>
 * <b>Score.</b> Over the unlabelled candidates, each stream is rank-normalised
 * to {@code (0, 1]} ({@link Scores#rankNormalised}):
 * </p>
 * <ul>
 * <li>{@code U} = rank of the stream A uncertainty: entropy, or the mean of
 * the entropy and BALD ranks when BALD was computed;</li>
 * <li>{@code T} = rank of the stream B typicality;</li>
 * <li>{@code N} = rank of the stream B novelty (distance to the nearest
 * labelled patch).</li>
 * </ul>
 * <p>
 * {@code S = U^a * T^b * N^c}, defaults {@code a = 2, b = 1, c = 0.5}:
 * uncertainty is the main signal, typicality and novelty temper it. The
 * product wants all three at once: an uncertain outlier (low {@code T}) or
 * an uncertain patch next to a labelled one (low {@code N}) scores low. A
 * missing stream drops its factor (cold start: {@code S = T^b * N^c}, which
 * the note says).
 * </p>
 * <p>
 * <b>Diverse batch.</b> Greedy: pick the candidate with the highest current
 * score; every remaining candidate within stream B distance {@code r} of it
 * gets its current score multiplied by {@code penalty} (default 0.5;
 * repeated hits compound). Labelled patches count as earlier picks, but only
 * once: candidates within {@code r} of any labelled patch start with one
 * penalty. The radius {@code r} defaults to the median, over up to 256
 * sampled candidates, of the distance to their {@code ceil(m / 2k)}-th
 * nearest candidate ({@code m} candidates, batch {@code k}), so that one pick
 * damps about half its {@code 1/k} share of the pool (a region can still get
 * a second pick if it is much better than the rest). Without stream B the
 * supervised embedding is used for the penalty; with neither, there is no
 * penalty.
 * </p>
 * <p>
 * Every {@link Suggestion} carries the per-stream raw scores; its
 * {@code score} is the unpenalised {@code S}.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name = TwoStreamStrategy.NAME,
	priority = 100)
public class TwoStreamStrategy extends AbstractStrategy {

	public static final String NAME = "two-stream";

	/**
	 * @param a exponent of the uncertainty rank (stream A)
	 * @param b exponent of the typicality rank (stream B)
	 * @param c exponent of the novelty rank (stream B)
	 * @param penalty factor applied to scores within the radius of a pick
	 *          ({@code 0 < penalty <= 1}; 1 = no diversity)
	 * @param radius diversity radius in the embedding; NaN = automatic
	 */
	public record Params(double a, double b, double c, double penalty,
		double radius)
	{

		public Params {
			if (a < 0 || b < 0 || c < 0) throw new UserException(
				"Two-stream exponents must be >= 0 (a=" + a + ", b=" + b + ", c=" +
					c + ")", "use e.g. a=2 b=1 c=0.5");
			if (!(penalty > 0 && penalty <= 1)) throw new UserException(
				"Two-stream penalty " + penalty + " is outside (0, 1]",
				"use e.g. 0.5");
			if (radius < 0) throw new UserException("Two-stream radius " + radius +
				" is negative", "use a positive radius or leave it automatic");
		}

		public static final Params DEFAULT = new Params(2, 1, 0.5, 0.5,
			Double.NaN);
	}

	private final Params params;

	/** With {@link Params#DEFAULT} (the plugin constructor). */
	public TwoStreamStrategy() {
		this(Params.DEFAULT);
	}

	public TwoStreamStrategy(final Params params) {
		this.params = params;
	}

	public Params params() {
		return params;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Uncertain (stream A), typical and novel (stream B) patches as a diverse batch";
	}

	@Override
	public boolean needsTaskModel() {
		return true;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		final List<String> notes = new ArrayList<>();
		final double[] s = combinedScores(ctx, candidates, notes);
		if (!ctx.hasTaskModel() && !ctx.hasStreamB()) return renamed(
			new RandomStrategy().choose(ctx, candidates, k, seed, progress),
			Fallbacks.NO_STREAMS);

		float[][] z = ctx.unsupervisedEmbedding();
		if (z == null) {
			z = ctx.supervisedEmbedding();
			notes.add(z == null ? "no embedding: batch not diversified"
				: "no stream B: diversified in the task model's embedding");
		}
		final int[] ids = z == null ? Scores.topK(s, candidates, k) : greedy(s, z,
			ctx, candidates, k, seed, progress);
		return selection(ctx, ids, s, String.join("; ", notes));
	}

	/**
	 * The unpenalised combined score {@code S = U^a * T^b * N^c} of every
	 * candidate (0 elsewhere), before the diverse-batch penalty: what the
	 * acquisition heatmap shows.
	 *
	 * @param notes receives the cold-start note, if any
	 */
	public double[] combinedScores(final AcquisitionContext ctx,
		final int[] candidates, final List<String> notes)
	{
		final int n = ctx.size();
		final double[] s = new double[n];
		for (final int id : candidates)
			s[id] = 1;
		if (ctx.hasTaskModel()) {
			final double[] u = Scores.rankNormalised(ctx.entropy(), candidates, n);
			if (ctx.bald() != null) {
				final double[] ub = Scores.rankNormalised(ctx.bald(), candidates, n);
				for (final int id : candidates)
					u[id] = (u[id] + ub[id]) / 2;
			}
			multiply(s, u, params.a(), candidates);
		}
		else if (ctx.hasStreamB()) notes.add(Fallbacks.COLD_START);
		if (ctx.typicality() != null) multiply(s, Scores.rankNormalised(ctx
			.typicality(), candidates, n), params.b(), candidates);
		if (ctx.novelty() != null) multiply(s, Scores.rankNormalised(ctx
			.novelty(), candidates, n), params.c(), candidates);
		return s;
	}

	/** Greedy picks with the radius penalty. */
	private int[] greedy(final double[] s, final float[][] z,
		final AcquisitionContext ctx, final int[] candidates, final int k,
		final long seed, final Progress progress)
	{
		final double r = Double.isNaN(params.radius()) ? autoRadius(z,
			candidates, 2 * k, seed) : params.radius();
		final float r2 = (float) (r * r);
		final double[] current = new double[s.length];
		for (final int id : candidates)
			current[id] = s[id];
		if (params.penalty() < 1) {
			final var labelled = ctx.labelled();
			for (final int id : candidates)
				for (int l = labelled.nextSetBit(0); l >= 0; l = labelled.nextSetBit(
					l + 1))
					if (Distances.squared(z[id], z[l]) < r2) {
						current[id] *= params.penalty();
						break;
					}
		}
		final boolean[] taken = new boolean[s.length];
		final int[] out = new int[k];
		for (int p = 0; p < k; p++) {
			progress.checkCancelled();
			int best = -1;
			for (final int id : candidates)
				if (!taken[id] && (best < 0 || current[id] > current[best])) best = id;
			out[p] = best;
			taken[best] = true;
			if (params.penalty() == 1) continue;
			final float[] zb = z[best];
			for (final int id : candidates)
				if (!taken[id] && Distances.squared(z[id], zb) < r2) current[id] *=
					params.penalty();
		}
		return out;
	}

	/**
	 * Median over up to 256 sampled candidates of the distance to their
	 * {@code ceil(m/parts)}-th nearest other candidate: the radius of a ball
	 * that holds about {@code 1/parts} of the candidates.
	 */
	static double autoRadius(final float[][] z, final int[] candidates,
		final int parts, final long seed)
	{
		final int m = candidates.length;
		if (m < 2) return 0;
		final int ball = Math.max(1, Math.min(m - 1, (m + parts - 1) / parts));
		final int[] probes = m <= 256 ? candidates : RandomStrategy.sample(
			candidates, 256, seed ^ 0x5DEECE66DL);
		final double[] radii = new double[probes.length];
		final float[] d = new float[m];
		for (int p = 0; p < probes.length; p++) {
			final float[] q = z[probes[p]];
			for (int j = 0; j < m; j++)
				d[j] = Distances.squared(z[candidates[j]], q);
			Arrays.sort(d);
			radii[p] = Math.sqrt(d[ball]); // NB: d[0] is the probe itself
		}
		Arrays.sort(radii);
		return radii[radii.length / 2];
	}

	private static void multiply(final double[] s, final double[] f,
		final double exponent, final int[] candidates)
	{
		if (exponent == 0) return;
		for (final int id : candidates)
			s[id] *= exponent == 1 ? f[id] : Math.pow(f[id], exponent);
	}
}
