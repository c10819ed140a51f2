package io.github.twostream.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.github.twostream.util.UserException;

/**
 * A bioimage.io-style model package (rdf.yaml, format 0.5) of a task model,
 * for other Fiji tools (deepImageJ, the bioimage.io core):
 * <ul>
 * <li>{@code rdf.yaml}: axes (batch, y, x, channel), pre-processing
 * ({@code scale_linear} with the project volume's percentile normalisation as
 * gain and offset, so the package reproduces the plugin's numbers exactly),
 * the calibrated threshold and the preset under {@code config.twostream},
 * test tensors and weights with SHA-256;</li>
 * <li>{@value #SAVED_MODEL}/: the TF SavedModel (tag "serve", signature
 * "serving_default": "image" {@code [N, H, W, C]} float32 -> "probability";
 * C = 1, or the section stack of a 2.5-D model, channel i = section
 * {@code z - N + i}),
 * also zipped as {@value #WEIGHTS_ZIP} (the file rdf.yaml names);</li>
 * <li>{@value #TEST_INPUT} / {@value #TEST_OUTPUT}: a raw test crop
 * {@code [1, H, W, C]} and the model's output {@code [1, H, W, 1]} for it
 * (.npy, float32).</li>
 * </ul>
 */
public final class ModelExport {

	public static final String RDF = "rdf.yaml";
	public static final String SAVED_MODEL = "tf_saved_model";
	public static final String WEIGHTS_ZIP = "tf_saved_model_bundle.zip";
	public static final String TEST_INPUT = "test_input.npy";
	public static final String TEST_OUTPUT = "test_output.npy";

	/**
	 * What to describe.
	 *
	 * @param name model name
	 * @param preset preset the model was trained with
	 * @param threshold calibrated foreground threshold
	 * @param low raw intensity mapped to 0 (volume percentile)
	 * @param high raw intensity mapped to 1
	 * @param lowPercentile percentile of {@code low}
	 * @param highPercentile percentile of {@code high}
	 * @param source where the model comes from (project, version)
	 */
	public record Description(String name, String preset, float threshold,
		double low, double high, double lowPercentile, double highPercentile,
		String source)
	{}

	private ModelExport() {}

	/**
	 * Writes the package into {@code out} (must not exist or be empty).
	 * {@code rawTest} is a raw {@code h x w} crop (sides multiples of the
	 * model's size multiple), {@link TaskModel#channels()} planes of it
	 * ({@link SectionStack}).
	 */
	public static void write(final TaskModel model, final Description d,
		final float[] rawTest, final int h, final int w, final Path out)
	{
		try {
			if (Files.isDirectory(out)) {
				try (Stream<Path> s = Files.list(out)) {
					if (s.findAny().isPresent()) throw new UserException("the folder " +
						out + " is not empty", "export into a new or empty folder");
				}
			}
			Files.createDirectories(out);
			model.exportSavedModel(out.resolve(SAVED_MODEL));
			zip(out.resolve(SAVED_MODEL), out.resolve(WEIGHTS_ZIP));
			final float gain = (float) (d.high() > d.low() ? 1 / (d.high() - d
				.low()) : 1);
			final float offset = (float) (-d.low() * gain);
			final float[] in = new float[rawTest.length];
			for (int i = 0; i < in.length; i++)
				in[i] = rawTest[i] * gain + offset;
			final float[] prob = new float[h * w];
			model.predict(in, 1, h, w, prob);
			final int c = model.channels();
			final float[] nhwc = new float[rawTest.length];
			io.github.twostream.model.tf.Tensors.channelsLast(rawTest, 0, 1, c, h * w,
				nhwc);
			writeNpy(out.resolve(TEST_INPUT), nhwc, 1, h, w, c);
			writeNpy(out.resolve(TEST_OUTPUT), prob, 1, h, w, 1);
			Files.writeString(out.resolve("README.md"), readme(model, d),
				StandardCharsets.UTF_8);
			Files.writeString(out.resolve(RDF), rdf(model, d, gain, offset, out),
				StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UserException("could not export the model to " + out + " (" + e
				.getMessage() + ")", "check that the folder is writable", e);
		}
	}

	private static String rdf(final TaskModel model, final Description d,
		final float gain, final float offset, final Path out) throws IOException
	{
		final UNetConfig c = model.config();
		final int m = c.sizeMultiple();
		return String.format(Locale.ROOT, String.join("\n", //
			"# bioimage.io model description (format 0.5), written by Two-Stream Active Learning",
			"format_version: 0.5.3", //
			"type: model", //
			"name: %s", //
			"description: U-Net foreground segmentation of EM (sigmoid probability), trained with active learning.",
			"authors:", //
			"  - name: Two-Stream AL developers", //
			"cite:", //
			"  - text: 'Ronneberger, Fischer and Brox. U-Net: Convolutional Networks for Biomedical Image Segmentation. MICCAI 2015.'",
			"    doi: 10.1007/978-3-319-24574-4_28", //
			"license: BSD-2-Clause", //
			"documentation: README.md", //
			"tags: [electron-microscopy, segmentation, unet, 2d, tensorflow, active-learning]",
			"inputs:", //
			"  - id: image", //
			"    description: %s", //
			"    axes:", //
			"      - type: batch", //
			"      - type: space", //
			"        id: y", //
			"        size: {min: %d, step: %d}", //
			"      - type: space", //
			"        id: x", //
			"        size: {min: %d, step: %d}", //
			"      - type: channel", //
			"        channel_names: [%s]", //
			"    test_tensor: {source: %s, sha256: %s}", //
			"    data: {type: float32}", //
			"    preprocessing:", //
			"      # the project's percentile normalisation: (v - p%.1f) / (p%.1f - p%.1f) of the whole volume",
			"      - id: scale_linear", //
			"        kwargs: {gain: %.9g, offset: %.9g}", //
			"outputs:", //
			"  - id: probability", //
			"    description: foreground probability (sigmoid); foreground where >= config.twostream.threshold",
			"    axes:", //
			"      - type: batch", //
			"      - type: space", //
			"        id: y", //
			"        size: {tensor_id: image, axis_id: y}", //
			"      - type: space", //
			"        id: x", //
			"        size: {tensor_id: image, axis_id: x}", //
			"      - type: channel", //
			"        channel_names: [foreground]", //
			"    test_tensor: {source: %s, sha256: %s}", //
			"    data: {type: float32, range: [0.0, 1.0]}", //
			"weights:", //
			"  tensorflow_saved_model_bundle:", //
			"    source: %s", //
			"    sha256: %s", //
			"    tensorflow_version: '%s'", //
			"config:", //
			"  twostream:", //
			"    threshold: %.3f", //
			"    preset: %s", //
			"    source: '%s'", //
			"    saved_model_folder: %s", //
			"    signature: serving_default", //
			"    architecture: {type: unet, depth: %d, base_filters: %d, norm_groups: %d, input_sections: %d, parameters: %d}",
			"    steps_trained: %d", ""), d.name(), inputDescription(c), m, m, m, m,
			channelNames(c), TEST_INPUT, sha256(out
				.resolve(TEST_INPUT)), d.lowPercentile(), d.highPercentile(), d
					.lowPercentile(), gain, offset, TEST_OUTPUT, sha256(out.resolve(
						TEST_OUTPUT)), WEIGHTS_ZIP, sha256(out.resolve(WEIGHTS_ZIP)),
			io.github.twostream.model.tf.TfRuntime.get().version(), d.threshold(), d
				.preset(), d.source().replace("'", "''"), SAVED_MODEL, c.depth(), c
					.baseFilters(), c.normGroups(), c.inputSections(), model.parameterCount(),
			model.stepsTrained());
	}

	private static String inputDescription(final UNetConfig c) {
		final int n = c.inputSections();
		return n == 0 ? "raw EM intensities (one channel)" : String.format(
			Locale.ROOT,
			"raw EM intensities of a section and its %d neighbouring section(s) on each side (channel i is section z - %d + i; mirrored beyond the stack's ends)",
			n, n);
	}

	private static String channelNames(final UNetConfig c) {
		final int n = c.inputSections();
		if (n == 0) return "raw";
		final StringBuilder b = new StringBuilder();
		for (int i = -n; i <= n; i++)
			b.append(b.length() > 0 ? ", " : "").append(i == 0 ? "raw" : "raw_z" + (i <
				0 ? "minus" : "plus") + Math.abs(i));
		return b.toString();
	}

	private static String readme(final TaskModel model, final Description d) {
		return String.format(Locale.ROOT, String.join("\n", "# %s", "",
			"U-Net (TensorFlow SavedModel) exported by Two-Stream Active Learning from %s (preset %s).",
			"", "- Input `image`: float32 `[batch, y, x, %d]`, sides multiples of %d, " +
				"normalised as `v * %.6g + %.6g` (rdf.yaml `scale_linear`).",
			"- Output `probability`: float32 `[batch, y, x, 1]`, foreground probability; " +
				"foreground where `>= %.3f` (calibrated on held-out labelled patches).",
			"- Predict large images in overlapping tiles (the plugin uses 256 x 256 tiles with 64 pixels overlap, blended).",
			""), d.name(), d.source(), d.preset(), model.channels(), model.config()
				.sizeMultiple(),
			(float) (1 / (d.high() - d.low())), (float) (-d.low() / (d.high() - d
				.low())), d.threshold());
	}

	/** Writes a float32 little-endian C-order .npy file of the given shape. */
	static void writeNpy(final Path file, final float[] data, final int... shape)
		throws IOException
	{
		final StringBuilder dims = new StringBuilder();
		for (final int s : shape)
			dims.append(s).append(", ");
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims
			.toString().strip() + "), }";
		// NB: magic (6) + version (2) + length (2) + header + \n, padded to 64
		final int total = 10 + header.length() + 1;
		header += " ".repeat((64 - total % 64) % 64) + "\n";
		final ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 *
			data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put(
			(byte) 1).put((byte) 0).putShort((short) header.length()).put(header
				.getBytes(StandardCharsets.US_ASCII));
		for (final float v : data)
			b.putFloat(v);
		Files.write(file, b.array());
	}

	/** Reads a float32 .npy written by {@link #writeNpy} (values only). */
	public static float[] readNpy(final Path file) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(
			ByteOrder.LITTLE_ENDIAN);
		final int headerLen = b.getShort(8) & 0xffff;
		b.position(10 + headerLen);
		final float[] out = new float[b.remaining() / 4];
		b.asFloatBuffer().get(out);
		return out;
	}

	private static void zip(final Path dir, final Path zip) throws IOException {
		try (OutputStream os = Files.newOutputStream(zip);
				ZipOutputStream z = new ZipOutputStream(os);
				Stream<Path> files = Files.walk(dir))
		{
			for (final Path p : (Iterable<Path>) files.sorted()::iterator) {
				if (!Files.isRegularFile(p)) continue;
				z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\',
					'/')));
				Files.copy(p, z);
				z.closeEntry();
			}
		}
	}

	static String sha256(final Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(Files.readAllBytes(file)));
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Files of a package, for listing. */
	public static List<String> files() {
		return List.of(RDF, "README.md", TEST_INPUT, TEST_OUTPUT, WEIGHTS_ZIP,
			SAVED_MODEL + "/");
	}
}
