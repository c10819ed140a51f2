package io.github.twostream.structure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Stream B's encoder: a small CNN trained once per volume with the SimCLR
 * objective (NT-Xent over 2N augmented views) on all patches of the
 * unlabelled pool, then kept fixed.
 * <p>
 * Network ({@link EncoderGraph}): four 3x3 conv + ReLU stages (filters f, 2f,
 * 4f, 4f; 2x2 max pool after the first three), global average pooling, a
 * dense layer to the embedding {@code h}. The stored embedding is
 * {@code h / |h|}; a two-layer projection head {@code g(h)} feeds only the
 * loss (as in SimCLR, the layer before the head transfers better). Training
 * is {@link EncoderTraining}, the files {@link EncoderFiles}.
 * </p>
 */
public final class ContrastiveEncoder implements StructureEncoder {

	private static final int EMBED_BATCH = 128;

	private final EncoderCacheKey key;
	private final EncoderConfig config;
	private final EncoderGraph graph;
	private int trainedEpochs;
	private final List<Double> epochLosses = new ArrayList<>();

	/** A new, untrained encoder for {@code key}. */
	public ContrastiveEncoder(final EncoderCacheKey key) {
		this.key = key;
		this.config = key.config();
		this.graph = new EncoderGraph(config);
	}

	@Override
	public EncoderCacheKey key() {
		return key;
	}

	public EncoderConfig config() {
		return config;
	}

	@Override
	public int embeddingDim() {
		return config.embeddingDim();
	}

	/** Epochs trained so far (0 = untrained). */
	public int trainedEpochs() {
		return trainedEpochs;
	}

	/** Mean NT-Xent loss of each epoch trained in this session. */
	public List<Double> epochLosses() {
		return List.copyOf(epochLosses);
	}

	@Override
	public boolean isValidFor(final EncoderCacheKey k) {
		return trainedEpochs > 0 && key.hash().equals(k.hash());
	}

	/**
	 * Trains for {@code config.epochs()} epochs on random views of the patches
	 * of {@code source}; reports per step and stops between steps on cancel.
	 *
	 * @return the mean loss of each epoch
	 */
	public double[] train(final PatchSource source, final Progress progress) {
		checkSource(source);
		final double[] losses = EncoderTraining.train(graph, config,
			trainedEpochs, source, progress);
		for (final double l : losses)
			epochLosses.add(l);
		trainedEpochs += losses.length;
		return losses;
	}

	private void checkSource(final PatchSource source) {
		if (source.patchSize() != config.patchSize()) throw new UserException(
			"The patches are " + source.patchSize() + " px but the encoder expects " +
				config.patchSize() + " px", "use the same patch size as the encoder (" +
					config.patchSize() + ")");
	}

	@Override
	public float[][] embed(final PatchSource source, final Progress progress) {
		checkSource(source);
		final int n = source.count(), s = config.inputSize(), px = s * s;
		final int p = config.patchSize();
		final float[][] out = new float[n][];
		final float[] patch = new float[p * p];
		final float[] batch = new float[Math.min(EMBED_BATCH, Math.max(1, n)) * px];
		for (int from = 0; from < n; from += EMBED_BATCH) {
			progress.checkCancelled();
			final int m = Math.min(EMBED_BATCH, n - from);
			for (int b = 0; b < m; b++) {
				source.read(from + b, patch);
				ViewAugmenter.resize(patch, p, batch, b * px, s);
			}
			System.arraycopy(graph.embed(batch, m), 0, out, from, m);
			progress.progress(from + m, n);
		}
		return out;
	}

	@Override
	public void save(final Path dir) {
		EncoderFiles.save(this, graph, dir);
	}

	/** Loads an encoder saved by {@link #save}; corrupt -> UserException. */
	public static ContrastiveEncoder load(final Path dir) {
		final EncoderFiles.Header h = EncoderFiles.header(dir);
		final ContrastiveEncoder enc = new ContrastiveEncoder(h.key());
		try {
			EncoderFiles.restore(enc.graph, dir);
		}
		catch (final RuntimeException e) {
			enc.close();
			throw e;
		}
		enc.trainedEpochs = h.trainedEpochs();
		return enc;
	}

	/**
	 * Loads the encoder in {@code dir} if it was trained for {@code expected};
	 * a checkpoint of another volume or settings -> UserException.
	 */
	public static ContrastiveEncoder load(final Path dir,
		final EncoderCacheKey expected)
	{
		final ContrastiveEncoder enc = load(dir);
		if (!enc.isValidFor(expected)) {
			enc.close();
			throw new UserException("The encoder in " + dir +
				" was trained for another volume or other settings (or not at all)",
				"retrain it for this project (twostream train-encoder)");
		}
		return enc;
	}

	@Override
	public void close() {
		graph.close();
	}
}
