package io.github.twostream.simulation;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.twostream.loop.EncoderStore;
import io.github.twostream.structure.ContrastiveEncoder;
import io.github.twostream.structure.EncoderCacheKey;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * The simulation's encoder cache: {@code OUT/encoder/<key hash>/}, so that a
 * resumed or repeated run reuses the encoder; embeddings are recomputed.
 */
final class EncoderFolder implements EncoderStore {

	private final Path dir;

	EncoderFolder(final Path outDir, final EncoderCacheKey key) {
		this.dir = outDir.resolve("encoder").resolve(key.hash().substring(0, 16));
	}

	@Override
	public float[][] embedding(final EncoderCacheKey key) {
		return null;
	}

	/**
	 * The cached encoder; one that cannot be read (corrupt, or written by an
	 * older version) is the simulation's own cache, so the fix is to delete it.
	 */
	@Override
	public ContrastiveEncoder encoder(final EncoderCacheKey key) {
		if (!Files.isDirectory(dir)) return null;
		try {
			return ContrastiveEncoder.load(dir, key);
		}
		catch (final UserException e) {
			final String problem = e.getMessage();
			final int cut = problem.indexOf(" -- ");
			throw new UserException(cut < 0 ? problem : problem.substring(0, cut),
				"delete " + dir + " and run again to retrain the simulation's encoder " +
					"(resumed strategies may then select differently)", e);
		}
	}

	@Override
	public void saveEncoder(final ContrastiveEncoder encoder,
		final double[] losses, final int patches)
	{
		SimulationFiles.writeFolder(dir, encoder::save);
	}

	@Override
	public void saveEmbedding(final float[][] embedding,
		final Progress progress)
	{
		// NB: embedding the pool takes seconds; only the encoder is cached
	}
}
