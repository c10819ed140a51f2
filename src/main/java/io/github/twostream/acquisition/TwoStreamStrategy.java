package io.github.twostream.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.scijava.plugin.Plugin;

import io.github.twostream.math.Distances;
import io.github.twostream.structure.NeighborSearch;
import io.github.twostream.structure.Typicality;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The default strategy: uncertain patches that are typical of the model's
 * failures and unlike what is labelled, as a diverse batch.
 * <p>
 * <b>Shortlist (stream A).</b> The {@code L} most uncertain candidates,
 * {@code L = max(ceil(shortlist * m), 8k)} of the {@code m} unlabelled
 * candidates (at most {@code m}); uncertainty is the entropy, or the mean of
 * the entropy and BALD ranks when BALD was computed. Only the shortlist is
 * picked from.
 * </p>
 * <p>
 * <b>Score (stream B, within the shortlist).</b> Each factor is
 * rank-normalised to {@code (0, 1]} over the shortlist
 * ({@link Scores#rankNormalised}):
 * </p>
 * <ul>
 * <li>{@code U} = rank of the uncertainty;</li>
 * <li>{@code T} = rank of the typicality <em>among the shortlist</em>: the
 * inverse mean stream B distance to its {@code K} nearest shortlisted
 * patches, {@code K = clamp(L / 2k, 3, 20)};</li>
 * <li>{@code N} = rank of the stream B novelty (distance to the nearest
 * labelled patch).</li>
 * </ul>
 * <p>
 * {@code S = U^a * T^b * N^c}, defaults {@code a = 1, b = 2, c = 0.5}: the shortlist has
 * already selected for uncertainty, so within it typicality leads.
 * NB: typicality is measured among the uncertain patches, not the whole
 * pool. In EM the dense regions of the pool are plain cytoplasm: weighting
 * by pool-wide typicality pulled the picks away from the rare structures the
 * model gets wrong (on Lucchi, selected patches held 16 % mitochondria
 * pixels against 35 % for entropy alone, see docs/notes/acq.md). Among the
 * uncertain patches, a dense region is a recurring failure of the model and
 * an outlier is an artefact: that is the typicality worth an expert's time.
 * This is the uncertainty-then-representativeness order of Suggestive
 * Annotation (Yang et al., MICCAI 2017) with stream B as the
 * representation. Cold start (no task model): no shortlist,
 * {@code S = T^b * N^c} with the pool-wide typicality (the note says so).
 * </p>
 * <p>
 * <b>Diverse batch.</b> Greedy: pick the shortlisted patch with the highest
 * current score; every remaining one within stream B distance {@code r} of
 * it gets its current score multiplied by {@code penalty} (default 0.5;
 * repeated hits compound). Labelled patches count as earlier picks, but only
 * once: candidates within {@code r} of any labelled patch start with one
 * penalty. The radius {@code r} defaults to the median, over up to 256
 * sampled shortlisted patches, of the distance to their
 * {@code ceil(L / 2k)}-th nearest shortlisted patch, so that one pick damps
 * about half its {@code 1/k} share (a region can still get a second pick if
 * it is much better than the rest). Without stream B the supervised
 * embedding is used for typicality and the penalty; with neither, the batch
 * is the top of {@code U^a * N^c}.
 * </p>
 * <p>
 * Every {@link Suggestion} carries the per-stream raw scores (pool-wide
 * typicality); its {@code score} is the unpenalised {@code S}.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name = TwoStreamStrategy.NAME,
	priority = 100)
public class TwoStreamStrategy extends AbstractStrategy {

	public static final String NAME = "two-stream";

	/** Shortlisted candidates per requested patch, at least. */
	static final int SHORTLIST_PER_PICK = 8;

	/**
	 * @param a exponent of the uncertainty rank (stream A)
	 * @param b exponent of the typicality rank (stream B)
	 * @param c exponent of the novelty rank (stream B)
	 * @param penalty factor applied to scores within the radius of a pick
	 *          ({@code 0 < penalty <= 1}; 1 = no diversity)
	 * @param radius diversity radius in the embedding; NaN = automatic
	 * @param shortlist share of the candidates, the most uncertain, that are
	 *          picked from ({@code 0 < shortlist <= 1})
	 */
	public record Params(double a, double b, double c, double penalty,
		double radius, double shortlist)
	{

		public Params {
			if (a < 0 || b < 0 || c < 0) throw new UserException(
				"Two-stream exponents must be >= 0 (a=" + a + ", b=" + b + ", c=" +
					c + ")", "use e.g. a=1 b=2 c=0.5");
			if (!(penalty > 0 && penalty <= 1)) throw new UserException(
				"Two-stream penalty " + penalty + " is outside (0, 1]",
				"use e.g. 0.5");
			if (radius < 0) throw new UserException("Two-stream radius " + radius +
				" is negative", "use a positive radius or leave it automatic");
			if (!(shortlist > 0 && shortlist <= 1)) throw new UserException(
				"Two-stream shortlist " + shortlist + " is outside (0, 1]",
				"use e.g. 0.05 (the 5 % most uncertain candidates)");
		}

		public static final Params DEFAULT = new Params(1, 2, 0.5, 0.5,
			Double.NaN, 0.05);

		public Params withPenalty(final double p) {
			return new Params(a, b, c, p, radius, shortlist);
		}
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
	public boolean needsBald() {
		return true;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		if (!ctx.hasTaskModel() && !ctx.hasStreamB()) return renamed(
			new RandomStrategy().choose(ctx, candidates, k, seed, progress),
			Fallbacks.NO_STREAMS);
		final List<String> notes = new ArrayList<>();
		final double[] s = combinedScores(ctx, candidates, k, notes, progress);
		// NB: with a task model, S > 0 exactly on the shortlist
		final int[] shortlist = ctx.hasTaskModel() ? IntStream.of(candidates)
			.filter(id -> s[id] > 0).toArray() : candidates;
		final float[][] z = embedding(ctx);
		if (!ctx.hasStreamB()) notes.add(z == null
			? "no embedding: batch not diversified"
			: "no stream B: diversified in the task model's embedding");
		final int[] ids = z == null ? Scores.topK(s, shortlist, k) : greedy(s, z,
			ctx, shortlist, k, seed, progress);
		final Selection out = selection(ctx, ids, s, String.join("; ", notes));
		return new Selection(out.strategy(), out.suggestions(), out.note(), s);
	}

	/**
	 * The unpenalised score {@code S} of every candidate before the
	 * diverse-batch penalty (0 off the shortlist and for non-candidates): what
	 * the acquisition heatmap shows ({@link Selection#combined()}).
	 *
	 * @param k the batch size the shortlist is sized for
	 * @param notes receives the cold-start note, if any
	 */
	public double[] combinedScores(final AcquisitionContext ctx,
		final int[] candidates, final int k, final List<String> notes,
		final Progress progress)
	{
		final int n = ctx.size();
		final double[] s = new double[n];
		if (candidates.length == 0) return s;
		if (!ctx.hasTaskModel()) {
			if (ctx.hasStreamB()) notes.add(Fallbacks.COLD_START);
			for (final int id : candidates)
				s[id] = 1;
			if (ctx.typicality() != null) multiply(s, Scores.rankNormalised(ctx
				.typicality(), candidates, n), params.b(), candidates);
			if (ctx.novelty() != null) multiply(s, Scores.rankNormalised(ctx
				.novelty(), candidates, n), params.c(), candidates);
			return s;
		}
		final double[] u = uncertainty(ctx, candidates);
		final int[] list = shortlist(u, candidates, k);
		for (final int id : list)
			s[id] = 1;
		multiply(s, Scores.rankNormalised(u, list, n), params.a(), list);
		final float[][] z = embedding(ctx);
		if (z != null && list.length > 2) multiply(s, Scores.rankNormalised(
			typicalityAmong(z, list, k, n, ctx.neighbors(), progress), list, n), params.b(), list);
		if (ctx.novelty() != null) multiply(s, Scores.rankNormalised(ctx
			.novelty(), list, n), params.c(), list);
		return s;
	}

	/** Uncertainty rank over the candidates (entropy, with BALD if present). */
	private static double[] uncertainty(final AcquisitionContext ctx,
		final int[] candidates)
	{
		final int n = ctx.size();
		final double[] u = Scores.rankNormalised(ctx.entropy(), candidates, n);
		if (ctx.bald() != null) {
			final double[] ub = Scores.rankNormalised(ctx.bald(), candidates, n);
			for (final int id : candidates)
				u[id] = (u[id] + ub[id]) / 2;
		}
		return u;
	}

	/** The candidates with the highest uncertainty {@code u}, ascending ids. */
	private int[] shortlist(final double[] u, final int[] candidates,
		final int k)
	{
		final int m = candidates.length;
		final int size = Math.min(m, Math.max((int) Math.ceil(params.shortlist() *
			m), SHORTLIST_PER_PICK * Math.max(1, k)));
		if (size == m) return candidates;
		final int[] top = Scores.topK(u, candidates, size);
		Arrays.sort(top);
		return top;
	}

	/** Stream B, else the supervised embedding, else null. */
	private static float[][] embedding(final AcquisitionContext ctx) {
		return ctx.hasStreamB() ? ctx.unsupervisedEmbedding() : ctx
			.supervisedEmbedding();
	}

	/**
	 * TypiClust typicality of the {@code list} patches among themselves
	 * ({@link Typicality}), indexed by patch id.
	 */
	private static double[] typicalityAmong(final float[][] z, final int[] list,
		final int k, final int n, final NeighborSearch search,
		final Progress progress)
	{
		final float[][] sub = new float[list.length][];
		for (int i = 0; i < list.length; i++)
			sub[i] = z[list[i]];
		final int kn = Math.min(list.length - 1, Math.max(3, Math.min(20,
			list.length / (2 * Math.max(1, k)))));
		final double[] t = Typicality.of(sub, kn, search, progress);
		final double[] out = new double[n];
		for (int i = 0; i < list.length; i++)
			out[list[i]] = t[i];
		return out;
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
