package io.github.twostream.loop;

import java.util.Optional;

import io.github.twostream.model.PatchScores;
import io.github.twostream.model.TaskModel;
import io.github.twostream.structure.PatchSource;
import io.github.twostream.util.Progress;

/**
 * Stream A over a whole pool: per-patch entropy, margin, BALD and supervised
 * embedding from the task model, computed in batches with progress.
 */
public final class StreamA {

	/** Patches scored per forward batch. */
	static final int BATCH = 64;

	private StreamA() {}

	/**
	 * Scores every patch of {@code pool}; BALD from {@code passes} MC-dropout
	 * passes, or null when {@code passes} is 0.
	 */
	public static PatchScores scorePool(final TaskModel model,
		final PatchSource pool, final int passes, final Progress progress)
	{
		// NB: a 2.5-D model scores each patch with its neighbouring sections
		final PatchSource input = pool.withSections(model.config().inputSections());
		final int n = pool.count(), size = model.channels() * pool.patchSize() *
			pool.patchSize();
		final float[] entropy = new float[n], margin = new float[n];
		// NB: without MC passes there is no BALD; null tells the acquisition so.
		final float[] bald = passes > 0 ? new float[n] : null;
		final float[][] embedding = new float[n][];
		final float[] batch = new float[BATCH * size];
		final float[] one = new float[size];
		progress.status("Scoring " + n + " patches (stream A)");
		for (int start = 0; start < n; start += BATCH) {
			progress.checkCancelled();
			final int m = Math.min(BATCH, n - start);
			for (int i = 0; i < m; i++) {
				input.read(start + i, one);
				System.arraycopy(one, 0, batch, i * size, size);
			}
			final PatchScores s = model.score(batch, m, passes);
			System.arraycopy(s.entropy(), 0, entropy, start, m);
			System.arraycopy(s.margin(), 0, margin, start, m);
			if (bald != null) System.arraycopy(s.bald(), 0, bald, start, m);
			System.arraycopy(s.embedding(), 0, embedding, start, m);
			progress.progress(start + m, n);
		}
		return new PatchScores(entropy, margin, bald, embedding);
	}

	/**
	 * The latest stored task model's supervised embedding (pooled bottleneck
	 * features, L2-normalised, as the acquisition context gets them) of every
	 * patch of the session's grid; empty if no task model is trained yet.
	 */
	public static Optional<float[][]> supervisedEmbedding(
		final ProjectSession session, final Progress progress)
	{
		final Optional<TaskModel> model = TaskStage.latest(session.project());
		if (model.isEmpty()) return Optional.empty();
		try (TaskModel m = model.get()) {
			return Optional.of(scorePool(m, new PoolPatches(session.volume(), session
				.grid()), 0, progress).embedding());
		}
	}
}
