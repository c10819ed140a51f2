package io.github.twostream.structure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.twostream.util.UserException;

/**
 * Settings of the contrastive structure encoder (stream B).
 *
 * @param patchSize side of the pool's patches, in pixels (64)
 * @param inputSize side of the images the network sees: training views are
 *          random crops of a patch rescaled to this size, and at embedding
 *          time the whole patch is rescaled to it (48: cheaper than 64 on a
 *          CPU, and the encoder is fully convolutional anyway)
 * @param embeddingDim dimension of the stored, L2-normalised embedding (64)
 * @param projectionDim output dimension of the projection head used only by
 *          the NT-Xent loss (64)
 * @param baseFilters filters of the first conv stage; doubled per stage up to
 *          4x (16)
 * @param temperature NT-Xent temperature, 0.05 to 1 (0.2)
 * @param batchSize patches per step N; each gives 2 views, so 2N rows (64)
 * @param epochs passes over the pool (10)
 * @param samplesPerEpoch patches drawn per epoch, 0 = all of the pool; caps
 *          training time on very large volumes
 * @param learningRate Adam learning rate (1e-3)
 * @param seed seeds weight initialisation, augmentation and batch order
 */
public record EncoderConfig(int patchSize, int inputSize, int embeddingDim,
	int projectionDim, int baseFilters, double temperature, int batchSize,
	int epochs, int samplesPerEpoch, double learningRate, long seed)
{

	/** Defaults for 64 x 64 patches. */
	public static EncoderConfig defaults() {
		return new EncoderConfig(64, 48, 64, 64, 16, 0.2, 64, 10, 0, 1e-3, 42);
	}

	public EncoderConfig {
		check(patchSize >= 8 && patchSize <= 1024, "patch size " + patchSize,
			"use 8 to 1024 (default 64)");
		check(inputSize >= 16 && inputSize <= patchSize * 2 && inputSize % 8 == 0,
			"encoder input size " + inputSize,
			"use a multiple of 8 between 16 and twice the patch size (default 48)");
		check(embeddingDim >= 2 && embeddingDim <= 4096, "embedding dimension " +
			embeddingDim, "use 2 to 4096 (default 64)");
		check(projectionDim >= 2 && projectionDim <= 4096, "projection dimension " +
			projectionDim, "use 2 to 4096 (default 64)");
		check(baseFilters >= 1 && baseFilters <= 256, "base filters " +
			baseFilters, "use 1 to 256 (default 16)");
		check(temperature >= 0.05 && temperature <= 10, "temperature " +
			temperature, "use 0.05 to 1 (default 0.2)");
		check(batchSize >= 2 && batchSize <= 4096, "batch size " + batchSize,
			"use 2 to 4096 patches per step (default 64)");
		check(epochs >= 0 && epochs <= 100000, "epochs " + epochs,
			"use 0 or more epochs (default 10)");
		check(samplesPerEpoch >= 0, "samples per epoch " + samplesPerEpoch,
			"use 0 (all patches) or a positive count");
		check(learningRate > 0 && learningRate < 1, "learning rate " +
			learningRate, "use a value in (0, 1) (default 1e-3)");
	}

	private static void check(final boolean ok, final String what,
		final String fix)
	{
		if (!ok) throw new UserException("Invalid encoder setting: " + what, fix);
	}

	public EncoderConfig withEpochs(final int e) {
		return new EncoderConfig(patchSize, inputSize, embeddingDim, projectionDim,
			baseFilters, temperature, batchSize, e, samplesPerEpoch, learningRate,
			seed);
	}

	public EncoderConfig withSeed(final long s) {
		return new EncoderConfig(patchSize, inputSize, embeddingDim, projectionDim,
			baseFilters, temperature, batchSize, epochs, samplesPerEpoch,
			learningRate, s);
	}

	/** Ordered name -> value pairs, for the JSON file and the cache key. */
	Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("patchSize", patchSize);
		m.put("inputSize", inputSize);
		m.put("embeddingDim", embeddingDim);
		m.put("projectionDim", projectionDim);
		m.put("baseFilters", baseFilters);
		m.put("temperature", temperature);
		m.put("batchSize", batchSize);
		m.put("epochs", epochs);
		m.put("samplesPerEpoch", samplesPerEpoch);
		m.put("learningRate", learningRate);
		m.put("seed", seed);
		return m;
	}

	/** A canonical one-line text of all settings (stable across runs). */
	public String canonical() {
		final StringBuilder sb = new StringBuilder();
		for (final Map.Entry<String, Object> e : toMap().entrySet()) {
			if (sb.length() > 0) sb.append(';');
			final Object v = e.getValue();
			sb.append(e.getKey()).append('=').append(v instanceof Double d ? String
				.format(Locale.ROOT, "%.9g", d) : v.toString());
		}
		return sb.toString();
	}

	/**
	 * Reads the settings from their {@link #canonical()} text
	 * ({@code name=value;name=value...}); bad text -> UserException.
	 */
	public static EncoderConfig fromCanonical(final String text) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final String pair : text.split(";")) {
			final int eq = pair.indexOf('=');
			if (eq > 0) m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1)
				.trim());
		}
		return fromMap(m);
	}

	/** Reads the settings written by {@link #toMap()}; bad values -> UserException. */
	static EncoderConfig fromMap(final Map<String, String> m) {
		try {
			return new EncoderConfig(i(m, "patchSize"), i(m, "inputSize"), i(m,
				"embeddingDim"), i(m, "projectionDim"), i(m, "baseFilters"), d(m,
					"temperature"), i(m, "batchSize"), i(m, "epochs"), i(m,
						"samplesPerEpoch"), d(m, "learningRate"), Long.parseLong(v(m,
							"seed")));
		}
		catch (final NumberFormatException e) {
			throw new UserException("The encoder settings hold a malformed number (" +
				e.getMessage() + ")", "retrain the encoder (twostream train-encoder)");
		}
	}

	private static String v(final Map<String, String> m, final String k) {
		final String v = m.get(k);
		if (v == null) throw new UserException("The encoder settings lack '" + k +
			"'", "retrain the encoder (twostream train-encoder)");
		return v;
	}

	private static int i(final Map<String, String> m, final String k) {
		return Integer.parseInt(v(m, k));
	}

	private static double d(final Map<String, String> m, final String k) {
		return Double.parseDouble(v(m, k));
	}
}
