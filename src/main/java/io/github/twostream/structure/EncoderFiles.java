package io.github.twostream.structure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.twostream.util.UserException;

/**
 * The file format of a {@link ContrastiveEncoder}: a TF checkpoint under
 * {@code variables/encoder} and {@code encoder.json} with the format, the
 * cache key and the config.
 */
final class EncoderFiles {

	static final String JSON = "encoder.json";
	static final String FORMAT = "twostream-contrastive-encoder";
	static final int FORMAT_VERSION = 1;

	private EncoderFiles() {}

	private static Path prefix(final Path dir) {
		return dir.resolve("variables").resolve("encoder");
	}

	static void save(final ContrastiveEncoder encoder, final EncoderGraph graph,
		final Path dir)
	{
		final EncoderCacheKey key = encoder.key();
		try {
			Files.createDirectories(prefix(dir).getParent());
			graph.save(prefix(dir).toString());
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("format", FORMAT);
			m.put("formatVersion", FORMAT_VERSION);
			m.put("keyHash", key.hash());
			m.put("volumeFingerprint", key.volumeFingerprint());
			m.put("trainedEpochs", encoder.trainedEpochs());
			m.putAll(encoder.config().toMap());
			Files.writeString(dir.resolve(JSON), FlatJson.write(m),
				StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UserException("Could not write the encoder to " + dir + " (" +
				e.getMessage() + ")", "check that the folder is writable", e);
		}
	}

	/** The encoder's settings and epochs from {@code dir}; corrupt -> UserException. */
	record Header(EncoderCacheKey key, int trainedEpochs) {}

	static Header header(final Path dir) {
		final Path json = dir.resolve(JSON);
		final Map<String, String> m;
		try {
			m = FlatJson.read(Files.readString(json, StandardCharsets.UTF_8));
		}
		catch (final IOException | IllegalArgumentException e) {
			throw new UserException("No readable encoder at " + json + " (" + e
				.getMessage() + ")", "retrain the encoder (twostream train-encoder)", e);
		}
		if (!FORMAT.equals(m.get("format")) || !String.valueOf(FORMAT_VERSION)
			.equals(m.get("formatVersion"))) throw new UserException(json +
				" is not a version " + FORMAT_VERSION + " contrastive encoder",
				"retrain the encoder (twostream train-encoder)");
		final EncoderConfig config = EncoderConfig.fromMap(m);
		final String fingerprint = m.get("volumeFingerprint");
		if (fingerprint == null) throw new UserException(json +
			" lacks the volume fingerprint", "retrain the encoder (twostream train-encoder)");
		final EncoderCacheKey key = new EncoderCacheKey(fingerprint, config);
		if (!key.hash().equals(m.get("keyHash"))) throw new UserException(json +
			" was edited or is corrupt (its key hash does not match its settings)",
			"retrain the encoder (twostream train-encoder)");
		try {
			return new Header(key, Integer.parseInt(m.getOrDefault("trainedEpochs",
				"0")));
		}
		catch (final NumberFormatException e) {
			throw new UserException(json + " has a corrupt epoch count",
				"retrain the encoder (twostream train-encoder)", e);
		}
	}

	/** Restores the weights in {@code dir}; missing or corrupt -> UserException. */
	static void restore(final EncoderGraph graph, final Path dir) {
		try {
			graph.restore(prefix(dir).toString());
		}
		catch (final RuntimeException e) {
			throw new UserException("The encoder weights in " + dir +
				" are missing or corrupt (" + firstLine(e) + ")",
				"retrain the encoder (twostream train-encoder)", e);
		}
	}

	private static String firstLine(final Throwable e) {
		final String msg = String.valueOf(e.getMessage());
		final int nl = msg.indexOf('\n');
		return nl < 0 ? msg : msg.substring(0, nl);
	}
}
