package io.github.twostream.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One trained model, as recorded in the project.
 *
 * @param id the database id (0 for a version not stored yet)
 * @param kind task model or encoder
 * @param architecture the architecture's config as JSON
 * @param checkpoint the checkpoint's path relative to the project folder,
 *          e.g. {@code models/task-3/ckpt}
 * @param trainingSteps optimizer steps trained
 * @param labelledCount number of labelled patches it was trained on
 * @param device what it was trained on, e.g. "cpu" or "gpu:0"
 * @param metrics training/validation metrics as JSON text
 * @param created when it was recorded
 */
public record ModelVersion(long id, ModelKind kind, String architecture,
	String checkpoint, long trainingSteps, int labelledCount, String device,
	String metrics, Instant created)
{

	public ModelVersion {
		if (kind == null) throw new IllegalArgumentException("model kind is null");
		if (checkpoint != null) {
			final Path p = Path.of(checkpoint).normalize();
			if (p.isAbsolute() || p.startsWith("..")) throw new IllegalArgumentException(
				"checkpoint must be relative to the project folder: " + checkpoint);
		}
	}

	/** A version to {@link Models#add add}, created now. */
	public static ModelVersion of(final ModelKind kind, final String architecture,
		final String checkpoint, final long trainingSteps, final int labelledCount,
		final String device, final String metrics)
	{
		return new ModelVersion(0, kind, architecture, checkpoint, trainingSteps,
			labelledCount, device, metrics, Instant.now());
	}
}
