package io.github.twostream.acquisition;

import java.util.Arrays;

import org.scijava.plugin.Plugin;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Foreground-aware random sampling (simulation only; it reads the ground
 * truth): the baseline nnActive (Luth et al. 2025) found hard to beat on 3-D
 * biomedical data.
 * <p>
 * Each batch of {@code k} holds exactly {@code round(q k)} patches drawn
 * uniformly from the unlabelled patches whose ground truth contains
 * foreground (fraction &gt; 0), the rest uniformly from the other unlabelled
 * patches, where {@code q = max(1/3, share of pool patches with
 * foreground)}: never less foreground than the data set's own share (so, at
 * worst, random stratified by foreground), and at least a third, as
 * nnActive's "Random 33 % FG". Fewer foreground candidates than needed: all
 * of them.
 * </p>
 * <p>
 * NB: it needs {@link AcquisitionContext#groundTruthForeground()}, which
 * only the simulator attaches; {@link Strategies#forProduct} (the suggestion
 * round) refuses it, and a context without ground truth is a
 * {@link UserException}.
 * </p>
 */
@Plugin(type = AcquisitionStrategy.class, name = RandomForegroundStrategy.NAME,
	priority = 5)
public class RandomForegroundStrategy extends AbstractStrategy {

	public static final String NAME = "random-fg";

	/** Least share of foreground patches per batch (nnActive's 33 %). */
	public static final double MIN_SHARE = 1.0 / 3;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Random patches with the foreground share guaranteed " +
			"(simulation-only baseline, reads the ground truth)";
	}

	@Override
	public boolean needsTaskModel() {
		return false;
	}

	@Override
	public boolean needsGroundTruth() {
		return true;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		final double[] fg = ctx.groundTruthForeground();
		if (fg == null) throw new UserException(NAME +
			" needs the ground truth's foreground and none was given",
			"use it only in 'twostream simulate' (it is a simulation baseline)");
		int withFg = 0;
		for (final double f : fg)
			if (f > 0) withFg++;
		final double q = Math.max(MIN_SHARE, (double) withFg / fg.length);
		final int[] fgCand = Arrays.stream(candidates).filter(id -> fg[id] > 0)
			.toArray();
		final int[] bgCand = Arrays.stream(candidates).filter(id -> !(fg[id] > 0))
			.toArray();
		final int nFg = Math.min(fgCand.length, Math.max(k - bgCand.length,
			(int) Math.round(q * k)));
		final int[] a = RandomStrategy.sample(fgCand, nFg, seed);
		final int[] b = RandomStrategy.sample(bgCand, k - nFg, seed ^
			0x9e3779b97f4a7c15L);
		final int[] out = Arrays.copyOf(a, k);
		System.arraycopy(b, 0, out, nFg, b.length);
		return selection(ctx, out, null, String.format(java.util.Locale.ROOT,
			"%d of %d with foreground (guaranteed share %.2f)", nFg, k, q));
	}
}
