package io.github.twostream.acquisition;

import org.scijava.plugin.SciJavaPlugin;

import io.github.twostream.util.Progress;

/**
 * Chooses the next patches to annotate.
 * <p>
 * Contract: {@link #select} returns exactly {@code min(k, unlabelled)}
 * distinct, unlabelled patch ids, and the same answer for the same context
 * and seed. A strategy that needs stream A but gets a context without a task
 * model falls back to stream B and says so in {@link Selection#note()}.
 * A strategy that ranks by one combined score per patch returns it in
 * {@link Selection#combined()}: the acquisition heatmap's "combined"
 * channel.
 * </p>
 * <p>
 * Strategies are SciJava plugins ({@code @Plugin(type =
 * AcquisitionStrategy.class, name = "...")}) with a public no-argument
 * constructor; {@link Strategies} finds them by name.
 * </p>
 */
public interface AcquisitionStrategy extends SciJavaPlugin {

	/** Short name used on the command line, e.g. "two-stream". */
	String name();

	/** One sentence for menus and --help. */
	String description();

	/** True if the strategy uses stream A (it falls back without it). */
	boolean needsTaskModel();

	/**
	 * True if the strategy reads BALD: only then are the MC-dropout passes
	 * worth their cost (the others get stream A from one deterministic pass).
	 */
	default boolean needsBald() {
		return false;
	}

	/**
	 * True for simulation-only baselines that read the ground truth
	 * ({@link AcquisitionContext#groundTruthForeground()}); the product's
	 * suggestion round refuses them.
	 */
	default boolean needsGroundTruth() {
		return false;
	}

	/**
	 * Suggests up to {@code k} unlabelled patches.
	 *
	 * @param k batch size (>= 0)
	 * @param seed seed for any randomness (ties, sampling, k-means)
	 */
	default Selection select(final AcquisitionContext ctx, final int k,
		final long seed)
	{
		return select(ctx, k, seed, Progress.NONE);
	}

	/**
	 * As {@link #select(AcquisitionContext, int, long)}, reporting to
	 * {@code progress} and stopping with
	 * {@link io.github.twostream.util.CancelledException} when it is
	 * cancelled (the slow ones -- probcover, typicality -- take seconds to a
	 * minute on 20k patches).
	 */
	Selection select(AcquisitionContext ctx, int k, long seed,
		Progress progress);
}
