package io.github.twostream.loop;

import io.github.twostream.structure.ContrastiveEncoder;
import io.github.twostream.structure.EncoderCacheKey;
import io.github.twostream.util.Progress;

/**
 * Where trained structure encoders, and their embeddings of the pool, are
 * kept: the project (see {@link StructureStage#ensure}) or a simulation's
 * output folder. {@link StructureStage#embed} is the one cache that uses it.
 */
public interface EncoderStore {

	/** The stored embedding of the pool by the encoder for {@code key}, or null. */
	float[][] embedding(EncoderCacheKey key);

	/** The stored encoder for {@code key}, or null; the caller closes it. */
	ContrastiveEncoder encoder(EncoderCacheKey key);

	/** Keeps a freshly trained encoder and its epoch losses. */
	void saveEncoder(ContrastiveEncoder encoder, double[] losses, int patches);

	/** Keeps the embedding of the pool (where embeddings are kept). */
	void saveEmbedding(float[][] embedding, Progress progress);
}
