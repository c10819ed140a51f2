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
import io.github.twostream.structure.PatchSource;
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

	/** An embedding of the pool and whether its encoder was already trained. */
	public record Embedded(float[][] embedding, boolean reused) {}

	/**
	 * Returns the stored embedding for {@code config}, training the encoder and
	 * embedding the pool first if there is none (or if {@code retrain}).
	 */
	public static Result ensure(final ProjectSession session,
		final EncoderConfig config, final boolean retrain, final Progress progress)
	{
		final ProjectEncoders store = new ProjectEncoders(session, retrain);
		final Embedded e = embed(store, new EncoderCacheKey(session.project()
			.image().fingerprint(), config), new PoolPatches(session.volume(), session
				.grid()), progress);
		return new Result(store.version, e.embedding(), e.reused());
	}

	/**
	 * The encoder cache: the stored embedding for {@code key}; else the stored
	 * encoder's embedding of {@code pool}; else an encoder trained on
	 * {@code pool} (kept in {@code store}) and its embedding.
	 */
	public static Embedded embed(final EncoderStore store,
		final EncoderCacheKey key, final PatchSource pool, final Progress progress)
	{
		final float[][] stored = store.embedding(key);
		if (stored != null) return new Embedded(stored, true);
		final ContrastiveEncoder cached = store.encoder(key);
		try (ContrastiveEncoder enc = cached != null ? cached
			: new ContrastiveEncoder(key))
		{
			if (cached == null) {
				progress.status("Training the structure encoder (" + key.config()
					.epochs() + " epochs on " + pool.count() + " patches)");
				store.saveEncoder(enc, enc.train(pool, progress), pool.count());
			}
			progress.status("Embedding " + pool.count() + " patches (stream B)");
			final float[][] emb = enc.embed(pool, progress);
			store.saveEmbedding(emb, progress);
			return new Embedded(emb, cached != null);
		}
	}

	/** The project's encoders (model versions) and embeddings. */
	private static final class ProjectEncoders implements EncoderStore {

		private final ProjectSession session;
		private final Project project;
		private final boolean retrain;
		private ModelVersion version;

		ProjectEncoders(final ProjectSession session, final boolean retrain) {
			this.session = session;
			this.project = session.project();
			this.retrain = retrain;
		}

		@Override
		public float[][] embedding(final EncoderCacheKey key) {
			version = retrain ? null : find(project, key).orElse(null);
			return version != null && project.embeddings().has(version.id())
				? project.embeddings().load(version.id()) : null;
		}

		@Override
		public ContrastiveEncoder encoder(final EncoderCacheKey key) {
			return version == null ? null : ContrastiveEncoder.load(project
				.checkpointPath(version), key);
		}

		@Override
		public void saveEncoder(final ContrastiveEncoder encoder,
			final double[] losses, final int patches)
		{
			final String checkpoint = Checkpoints.write(project, "encoder",
				encoder::save);
			version = project.models().add(ModelVersion.of(ModelKind.ENCODER,
				architecture(encoder.key()), checkpoint, (long) encoder.config()
					.epochs() * patches, 0, session.device(), metrics(losses)));
		}

		@Override
		public void saveEmbedding(final float[][] embedding,
			final Progress progress)
		{
			project.embeddings().put(version.id(), embedding, progress);
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
