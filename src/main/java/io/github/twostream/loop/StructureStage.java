package io.github.twostream.loop;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;
import io.github.twostream.structure.ContrastiveEncoder;
import io.github.twostream.structure.EncoderCacheKey;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.util.Progress;

/**
 * Stream B of a project: the contrastive encoder is trained once per volume
 * fingerprint and config, then kept fixed; its embeddings of every patch are
 * stored in the project and reused by every round.
 */
public final class StructureStage {

	/** The project's stream B embedding and where it came from. */
	public record Result(ModelVersion encoder, float[][] embedding,
		boolean reused)
	{}

	private StructureStage() {}

	/**
	 * Returns the stored embedding for {@code config}, training the encoder and
	 * embedding the pool first if there is none (or if {@code retrain}).
	 */
	public static Result ensure(final ProjectSession session,
		final EncoderConfig config, final boolean retrain, final Progress progress)
	{
		final Project project = session.project();
		final EncoderCacheKey key = new EncoderCacheKey(project.image()
			.fingerprint(), config);
		final PoolPatches pool = new PoolPatches(session.volume(), session.grid());
		final Optional<ModelVersion> cached = retrain ? Optional.empty() : find(
			project, key);
		if (cached.isPresent()) {
			final ModelVersion v = cached.get();
			if (project.embeddings().has(v.id())) return new Result(v, project
				.embeddings().load(v.id()), true);
			try (ContrastiveEncoder enc = ContrastiveEncoder.load(project
				.checkpointPath(v), key))
			{
				final float[][] emb = enc.embed(pool, progress);
				project.embeddings().put(v.id(), emb, progress);
				return new Result(v, emb, true);
			}
		}
		try (ContrastiveEncoder enc = new ContrastiveEncoder(key)) {
			progress.status("Training the structure encoder (" + config.epochs() +
				" epochs on " + pool.count() + " patches)");
			final double[] losses = enc.train(pool, progress);
			final String checkpoint = Checkpoints.write(project, "encoder", enc::save);
			final ModelVersion v = project.models().add(ModelVersion.of(
				ModelKind.ENCODER, architecture(key), checkpoint, (long) config
					.epochs() * pool.count(), 0, session.device(), metrics(losses)));
			progress.status("Embedding " + pool.count() + " patches (stream B)");
			final float[][] emb = enc.embed(pool, progress);
			project.embeddings().put(v.id(), emb, progress);
			return new Result(v, emb, false);
		}
	}

	/** The latest encoder of the project trained for {@code key}, if any. */
	public static Optional<ModelVersion> find(final Project project,
		final EncoderCacheKey key)
	{
		final String arch = architecture(key);
		return project.models().all(ModelKind.ENCODER).stream().filter(v -> v
			.architecture().equals(arch)).reduce((a, b) -> b);
	}

	/** The latest encoder of the project with stored embeddings, if any. */
	public static Optional<ModelVersion> latestWithEmbeddings(
		final Project project)
	{
		return project.models().all(ModelKind.ENCODER).stream().filter(v -> project
			.embeddings().has(v.id())).reduce((a, b) -> b);
	}

	/**
	 * The settings of the project's current encoder (the latest one with stored
	 * embeddings), if any: what later rounds must ask for to reuse it.
	 */
	public static Optional<EncoderConfig> currentConfig(final Project project) {
		return latestWithEmbeddings(project).flatMap(v -> {
			final Matcher m = CONFIG.matcher(v.architecture());
			return m.find() ? Optional.of(EncoderConfig.fromCanonical(m.group(1)))
				: Optional.empty();
		});
	}

	/**
	 * The encoder settings a round of this project should use: the current
	 * encoder's (so it is reused, whatever epochs it was trained with), else
	 * the defaults for the project's patch size.
	 */
	public static EncoderConfig configFor(final ProjectSession session) {
		return currentConfig(session.project()).orElseGet(() -> SuggestSettings
			.withPatchSize(EncoderConfig.defaults(), session.grid().patchSize()));
	}

	private static final Pattern CONFIG = Pattern.compile(
		"\"config\":\"([^\"]*)\"");

	static String architecture(final EncoderCacheKey key) {
		return "{\"type\":\"contrastive-encoder\",\"cacheKey\":\"" + key.hash() +
			"\",\"config\":\"" + key.config().canonical() + "\"}";
	}

	static String metrics(final double[] losses) {
		final StringBuilder sb = new StringBuilder("{\"epochLosses\":[");
		for (int i = 0; i < losses.length; i++)
			sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6g",
				losses[i]));
		return sb.append("]}").toString();
	}
}
