package io.github.twostream.structure;

import java.nio.file.Path;

import io.github.twostream.util.Progress;

/**
 * A fixed encoder that maps every patch to an L2-normalised embedding vector
 * describing what the data looks like, independent of the task model.
 */
public interface StructureEncoder extends AutoCloseable {

	/** Cache key (volume fingerprint + settings) this encoder belongs to. */
	EncoderCacheKey key();

	/** Dimension of the embedding vectors. */
	int embeddingDim();

	/** True if trained (or loaded) and built for exactly {@code key}. */
	boolean isValidFor(EncoderCacheKey key);

	/**
	 * Embeds every patch of {@code source}: row {@code i} is patch {@code i}'s
	 * unit-length vector.
	 */
	float[][] embed(PatchSource source, Progress progress);

	/** Writes the weights and {@code encoder.json} to {@code dir}. */
	void save(Path dir);

	@Override
	void close();
}
