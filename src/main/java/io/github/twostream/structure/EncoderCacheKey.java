package io.github.twostream.structure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a trained encoder is valid for: one volume (by its fingerprint, e.g. a
 * hash of path, size and a sample of its voxels, supplied by the caller) and
 * one {@link EncoderConfig}. The encoder is trained once per key and reused.
 */
public record EncoderCacheKey(String volumeFingerprint, EncoderConfig config) {

	public EncoderCacheKey {
		if (volumeFingerprint == null) throw new IllegalArgumentException(
			"volume fingerprint is null");
		if (config == null) throw new IllegalArgumentException("config is null");
	}

	/** A stable hex SHA-256 hash of the fingerprint and the canonical settings. */
	public String hash() {
		try {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			md.update(("volume=" + volumeFingerprint + "\n" + config.canonical())
				.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(md.digest());
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", e);
		}
	}
}
