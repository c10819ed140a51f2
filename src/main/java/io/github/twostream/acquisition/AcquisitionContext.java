package io.github.twostream.acquisition;

import java.util.BitSet;
import java.util.Collection;

import io.github.twostream.math.Distances;
import io.github.twostream.structure.BruteForceNeighbors;
import io.github.twostream.structure.NeighborSearch;
import io.github.twostream.util.UserException;

/**
 * Everything a strategy may look at, as plain arrays indexed by patch id
 * ({@code 0 .. n-1}). Immutable; build it with {@link #builder(int)}.
 * <p>
 * Stream A (task model, absent before the first training): {@code entropy}
 * (mean pixel entropy of the predicted foreground probability),
 * {@code margin} and {@code bald} (mutual information under MC dropout),
 * {@code supervisedEmbedding} (pooled bottleneck features).
 * <b>Margin convention:</b> higher = MORE uncertain, i.e. the producer passes
 * {@code 1 - mean |p_fg - p_bg|} (not the raw margin), so that every stream A
 * score is "higher means pick me".
 * </p>
 * <p>
 * Stream B (fixed contrastive encoder): {@code unsupervisedEmbedding}
 * (L2-normalised rows), {@code typicality} (higher = denser region, e.g.
 * inverse mean distance to the kNN) and {@code novelty} (Euclidean distance
 * in the stream B embedding to the nearest labelled patch; +infinity when
 * nothing is labelled). If novelty is not given but the embedding is, the
 * builder computes it.
 * </p>
 * <p>
 * Neighbour search: strategies that need k nearest neighbours (typicality)
 * ask {@link #neighbors()}; {@code loop} injects the TensorFlow-backed exact
 * search, the default is {@link BruteForceNeighbors} (plain Java), so that
 * acquisition never needs TensorFlow.
 * </p>
 * <p>
 * Ground truth (simulation only, absent in the product):
 * {@code groundTruthForeground}, the foreground fraction of every patch's
 * true labels, attached by the simulator with
 * {@link #withGroundTruthForeground} for the strategies that declare
 * {@link AcquisitionStrategy#needsGroundTruth()} (the {@code random-fg}
 * baseline); no other strategy may read it.
 * </p>
 * <p>
 * The arrays are not copied (they can be large); callers must not change
 * them after building.
 * </p>
 */
public final class AcquisitionContext {

	private final int n;
	private final BitSet labelled;
	private final int round;
	private final double[] entropy, margin, bald, typicality, novelty;
	private final float[][] supervisedEmbedding, unsupervisedEmbedding;
	private final NeighborSearch neighbors;
	private final double[] groundTruthForeground;

	private AcquisitionContext(final Builder b) {
		this(b, b.novelty != null ? b.novelty : //
			b.unsupervisedEmbedding != null ? Distances.nearest(
				b.unsupervisedEmbedding, b.labelled) : null, null);
	}

	private AcquisitionContext(final Builder b, final double[] novelty,
		final double[] groundTruthForeground)
	{
		this.n = b.n;
		this.labelled = (BitSet) b.labelled.clone();
		this.round = b.round;
		this.entropy = b.entropy;
		this.margin = b.margin;
		this.bald = b.bald;
		this.supervisedEmbedding = b.supervisedEmbedding;
		this.unsupervisedEmbedding = b.unsupervisedEmbedding;
		this.typicality = b.typicality;
		this.neighbors = b.neighbors != null ? b.neighbors
			: new BruteForceNeighbors();
		this.novelty = novelty;
		this.groundTruthForeground = groundTruthForeground;
	}

	/**
	 * This context plus the ground truth's foreground fraction of every patch
	 * (simulation only: the simulator attaches it for strategies that
	 * {@link AcquisitionStrategy#needsGroundTruth() need ground truth}).
	 */
	public AcquisitionContext withGroundTruthForeground(final double[] fraction) {
		if (fraction.length != n) throw new UserException("The ground-truth " +
			"foreground has " + fraction.length + " entries for a pool of " + n +
			" patches", "compute it for the current patch grid");
		// NB: through a builder of the same contents (labelled set, arrays)
		final Builder b = builder(n).labelled(labelled).round(round).entropy(
			entropy).margin(margin).bald(bald).supervisedEmbedding(
				supervisedEmbedding).unsupervisedEmbedding(unsupervisedEmbedding)
			.typicality(typicality).neighbors(neighbors);
		return new AcquisitionContext(b, novelty, fraction);
	}

	/**
	 * Foreground fraction of each patch's ground truth, or null (always null
	 * outside simulations).
	 */
	public double[] groundTruthForeground() {
		return groundTruthForeground;
	}

	/** A builder for a pool of {@code n} patches. */
	public static Builder builder(final int n) {
		return new Builder(n);
	}

	/** Pool size: patch ids are {@code 0 .. n-1}. */
	public int size() {
		return n;
	}

	/** The labelled patch ids (a copy). */
	public BitSet labelled() {
		return (BitSet) labelled.clone();
	}

	public boolean isLabelled(final int id) {
		return labelled.get(id);
	}

	public int labelledCount() {
		return labelled.cardinality();
	}

	/** The ids that are not labelled, ascending. */
	public int[] unlabelled() {
		final int[] out = new int[n - labelled.cardinality()];
		int j = 0;
		for (int i = labelled.nextClearBit(0); i < n; i = labelled.nextClearBit(
			i + 1))
			out[j++] = i;
		return out;
	}

	/** Active-learning round (0 = cold start). */
	public int round() {
		return round;
	}

	/** True when stream A scores exist (a task model has been trained). */
	public boolean hasTaskModel() {
		return entropy != null;
	}

	/** True when the stream B embedding exists. */
	public boolean hasStreamB() {
		return unsupervisedEmbedding != null;
	}

	/** Mean pixel entropy per patch, or null without a task model. */
	public double[] entropy() {
		return entropy;
	}

	/** 1 - mean margin per patch (higher = more uncertain), or null. */
	public double[] margin() {
		return margin;
	}

	/** BALD mutual information per patch, or null. */
	public double[] bald() {
		return bald;
	}

	/** Stream A embedding ({@code n x d}), or null. */
	public float[][] supervisedEmbedding() {
		return supervisedEmbedding;
	}

	/** Stream B embedding ({@code n x d}, L2-normalised rows), or null. */
	public float[][] unsupervisedEmbedding() {
		return unsupervisedEmbedding;
	}

	/** Stream B typicality (higher = more typical), or null. */
	public double[] typicality() {
		return typicality;
	}

	/** Stream B distance to the nearest labelled patch, or null. */
	public double[] novelty() {
		return novelty;
	}

	/** The k-nearest-neighbour search strategies use. */
	public NeighborSearch neighbors() {
		return neighbors;
	}

	/** The per-stream scores of patch {@code id} as a suggestion. */
	Suggestion suggestion(final int id, final int rank, final double score) {
		return new Suggestion(id, rank, score, at(entropy, id), at(margin, id), at(
			bald, id), at(typicality, id), at(novelty, id));
	}

	private static double at(final double[] a, final int id) {
		return a == null ? Double.NaN : a[id];
	}

	/** Builds an {@link AcquisitionContext}; validates array lengths. */
	public static final class Builder {

		private final int n;
		private final BitSet labelled = new BitSet();
		private int round;
		private double[] entropy, margin, bald, typicality, novelty;
		private float[][] supervisedEmbedding, unsupervisedEmbedding;
		private NeighborSearch neighbors;

		private Builder(final int n) {
			if (n < 0) throw new UserException("Pool size " + n + " is negative",
				"give the number of patches");
			this.n = n;
		}

		public Builder labelled(final BitSet ids) {
			labelled.clear();
			for (int i = ids.nextSetBit(0); i >= 0; i = ids.nextSetBit(i + 1))
				label(i);
			return this;
		}

		public Builder labelled(final Collection<Integer> ids) {
			labelled.clear();
			for (final int i : ids)
				label(i);
			return this;
		}

		public Builder labelled(final int... ids) {
			labelled.clear();
			for (final int i : ids)
				label(i);
			return this;
		}

		private void label(final int id) {
			if (id < 0 || id >= n) throw new UserException("Labelled patch id " +
				id + " is outside the pool 0.." + (n - 1),
				"pass ids of this project's patch grid");
			labelled.set(id);
		}

		public Builder round(final int round) {
			this.round = round;
			return this;
		}

		public Builder entropy(final double[] v) {
			this.entropy = check("entropy", v);
			return this;
		}

		/** Higher = more uncertain (pass 1 - margin). */
		public Builder margin(final double[] v) {
			this.margin = check("margin", v);
			return this;
		}

		public Builder bald(final double[] v) {
			this.bald = check("bald", v);
			return this;
		}

		public Builder supervisedEmbedding(final float[][] v) {
			this.supervisedEmbedding = check("supervised embedding", v);
			return this;
		}

		public Builder unsupervisedEmbedding(final float[][] v) {
			this.unsupervisedEmbedding = check("unsupervised embedding", v);
			return this;
		}

		public Builder typicality(final double[] v) {
			this.typicality = check("typicality", v);
			return this;
		}

		public Builder novelty(final double[] v) {
			this.novelty = check("novelty", v);
			return this;
		}

		/** The neighbour search strategies use (default: plain Java, exact). */
		public Builder neighbors(final NeighborSearch search) {
			this.neighbors = search;
			return this;
		}

		public AcquisitionContext build() {
			if (entropy == null && (margin != null || bald != null ||
				supervisedEmbedding != null)) throw new UserException(
					"Stream A scores are given without entropy",
					"pass the task model's entropy too (it marks that a model exists)");
			return new AcquisitionContext(this);
		}

		private double[] check(final String what, final double[] v) {
			if (v != null && v.length != n) throw mismatch(what, v.length);
			return v;
		}

		private float[][] check(final String what, final float[][] v) {
			if (v == null) return null;
			if (v.length != n) throw mismatch(what, v.length);
			for (final float[] row : v)
				if (row == null || row.length != v[0].length)
					throw new UserException("The " + what +
						" has rows of different lengths", "give one vector per patch");
			return v;
		}

		private UserException mismatch(final String what, final int len) {
			return new UserException("The " + what + " has " + len +
				" entries for a pool of " + n + " patches",
				"recompute it for the current patch grid");
		}
	}

	@Override
	public String toString() {
		return "AcquisitionContext[n=" + n + ", labelled=" + labelled
			.cardinality() + ", round=" + round + ", streamA=" + hasTaskModel() +
			", streamB=" + hasStreamB() + "]";
	}
}
