package io.github.twostream.acquisition;

import io.github.twostream.util.Progress;

import java.util.SplittableRandom;

import org.scijava.plugin.Plugin;

/** Uniform random sampling of unlabelled patches: the baseline. */
@Plugin(type = AcquisitionStrategy.class, name = RandomStrategy.NAME,
	priority = 10)
public class RandomStrategy extends AbstractStrategy {

	public static final String NAME = "random";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Uniform random unlabelled patches (baseline)";
	}

	@Override
	public boolean needsTaskModel() {
		return false;
	}

	@Override
	protected Selection choose(final AcquisitionContext ctx,
		final int[] candidates, final int k, final long seed,
		final Progress progress)
	{
		return selection(ctx, sample(candidates, k, seed), null, "");
	}

	/** {@code k} distinct elements of {@code from} (partial Fisher-Yates). */
	static int[] sample(final int[] from, final int k, final long seed) {
		final int[] a = from.clone();
		final SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < k; i++) {
			final int j = i + random.nextInt(a.length - i);
			final int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return java.util.Arrays.copyOf(a, k);
	}
}
