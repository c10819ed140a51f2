package io.github.twostream.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.util.UserException;

/**
 * Checkpoints and exports of a {@link TaskModel}.
 * <p>
 * A checkpoint folder holds TF's variable files ({@code variables.index},
 * {@code variables.data-*}, written by {@code Session.save}) and
 * {@code model.json}: the {@link UNetConfig}, the augmentation, the variable
 * names and shapes, and a probe (the prediction of a fixed synthetic patch)
 * that {@link #load} re-computes to verify the restore.
 * </p>
 */
final class ModelFiles {

	static final String MODEL_JSON = "model.json";
	static final String VARIABLES_PREFIX = "variables";
	static final String FORMAT = "twostream-unet";
	static final int FORMAT_VERSION = 1;
	static final String EXPORT_JSON = "twostream-model.json";
	/** Probe pixels stored in model.json (a fixed sample of the probe patch). */
	private static final int PROBE_SAMPLES = 32;
	private static final float PROBE_TOLERANCE = 1e-4f;

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
		.create();

	private ModelFiles() {}

	/** Contents of model.json. */
	record Description(String format, int formatVersion, String tensorflow,
		String device, long stepsTrained, UNetConfig config,
		Augmentation augmentation, List<VariableInfo> variables, float[] probe,
		Float threshold)
	{}

	record VariableInfo(String name, long[] shape) {}

	static void save(final TaskModel model, final Path dir) {
		try {
			Files.createDirectories(dir);
			model.session().save(dir.resolve(VARIABLES_PREFIX).toString());
			final Description d = new Description(FORMAT, FORMAT_VERSION, TfRuntime
				.get().version(), model.device(), model.stepsTrained(), model.config(),
				model.augmentation(), variables(model), probe(model, model.config()
					.patchSize()), model.threshold());
			final Path tmp = dir.resolve(MODEL_JSON + ".tmp");
			Files.writeString(tmp, GSON.toJson(d), StandardCharsets.UTF_8);
			Files.move(tmp, dir.resolve(MODEL_JSON),
				StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final IOException | TensorFlowException | IllegalStateException
				| IllegalArgumentException e)
		{
			throw new UserException("could not save the task model to " + dir + " (" +
				e.getMessage() + ")", "check that the folder is writable and the disk not full", e);
		}
	}

	static TaskModel load(final Path dir, final UNetConfig expected) {
		final Description d = readDescription(dir);
		final UNetConfig saved = d.config();
		if (expected != null && !expected.sameArchitecture(saved))
			throw new UserException("the checkpoint in " + dir + " is a U-Net of " +
				describe(saved) + ", but " + describe(expected) + " is expected",
				"retrain the model, or use the model settings it was trained with");
		if (!Files.exists(dir.resolve(VARIABLES_PREFIX + ".index")))
			throw new UserException("the checkpoint in " + dir +
				" has no variable files (" + VARIABLES_PREFIX + ".index)",
				"restore the folder from a backup or retrain the model");
		final UNetConfig config = expected != null ? expected : saved;
		final TaskModel model = new TaskModel(config, d.augmentation() != null ? d
			.augmentation() : Augmentation.em(), false);
		try {
			final List<VariableInfo> built = variables(model);
			if (!sameVariables(built, d.variables())) throw new UserException(
				"the variables listed in " + dir.resolve(MODEL_JSON) +
					" do not match the network built from its config",
				"the checkpoint comes from another version; retrain the model");
			try {
				model.session().restore(dir.resolve(VARIABLES_PREFIX).toString());
			}
			catch (final RuntimeException e) {
				// NB: TF maps its status codes to TensorFlowException or to standard
				// exceptions (TFInvalidArgumentException is an IllegalArgumentException).
				throw new UserException("the checkpoint files in " + dir +
					" are corrupt, truncated or from another architecture (" + firstLine(e
						.getMessage()) + ")",
					"restore the folder from a backup or retrain the model", e);
			}
			if (d.probe() != null) {
				final float[] now = probe(model, saved.patchSize());
				for (int i = 0; i < now.length; i++) {
					if (i >= d.probe().length || !(Math.abs(now[i] - d
						.probe()[i]) <= PROBE_TOLERANCE)) throw new UserException(
							"the checkpoint in " + dir +
								" does not reproduce its saved predictions (the variable files and model.json do not belong together)",
							"restore the folder from a backup or retrain the model");
				}
			}
			model.restored(d.stepsTrained());
			if (d.threshold() != null) model.setThreshold(d.threshold());
			return model;
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/** The architecture in words, for messages. */
	static String describe(final UNetConfig c) {
		return "depth " + c.depth() + " with " + c.baseFilters() +
			" base filters" + (c.normGroups() > 0 ? ", " + c.normGroups() +
				" normalisation groups" : "") + (c.inputSections() > 0 ? ", " + c
					.channels() + " input sections" : "");
	}

	static Description readDescription(final Path dir) {
		final Path json = dir.resolve(MODEL_JSON);
		final Description d;
		try {
			d = GSON.fromJson(Files.readString(json, StandardCharsets.UTF_8),
				Description.class);
		}
		catch (final NoSuchFileException e) {
			throw new UserException("no task-model checkpoint in " + dir + " (" +
				MODEL_JSON + " is missing)", "choose a folder written by the train command");
		}
		catch (final IOException e) {
			throw new UserException("cannot read " + json + " (" + e.getMessage() + ")",
				"check the file's permissions", e);
		}
		catch (final JsonParseException | UserException | NullPointerException e) {
			throw new UserException(json + " is corrupt (" + firstLine(e
				.getMessage()) + ")", "restore the folder from a backup or retrain the model", e);
		}
		if (d == null || !FORMAT.equals(d.format()) || d.config() == null || d
			.variables() == null) throw new UserException(json +
				" is not a task-model description (format '" + (d == null ? null : d
					.format()) + "')", "choose a folder written by the train command");
		if (d.formatVersion() > FORMAT_VERSION) throw new UserException(json +
			" has format version " + d.formatVersion() + ", this build reads up to " +
			FORMAT_VERSION, "update the plugin");
		return d;
	}

	/**
	 * Exports a SavedModel (tag "serve", signature "serving_default": input
	 * "image" [N, H, W, C] float (C = 1, or the section stack of a 2.5-D
	 * model), output "probability" [N, H, W, 1]) plus
	 * {@value #EXPORT_JSON} describing axes, sizes and normalisation.
	 */
	static void exportSavedModel(final TaskModel model, final Path dir) {
		final UNetGraph net = model.net();
		final Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input(
			"image", net.input).output("probability", net.probability).build();
		try {
			if (Files.exists(dir.resolve("saved_model.pb"))) throw new UserException(
				"a SavedModel already exists in " + dir, "export into an empty folder");
			Files.createDirectories(dir);
			SavedModelBundle.exporter(dir.toString()).withSession(model.session())
				.withSignature(sig).export();
			final UNetConfig c = model.config();
			final Map<String, Object> desc = new LinkedHashMap<>();
			desc.put("format", "tensorflow-savedmodel");
			desc.put("tags", List.of(SavedModelBundle.DEFAULT_TAG));
			desc.put("signature", Signature.DEFAULT_KEY);
			desc.put("tensorflow", TfRuntime.get().version());
			desc.put("input", Map.of("name", "image", "axes", "byxc", "dtype",
				"float32", "patchSize", c.patchSize(), "sizeMultiple", c
					.sizeMultiple(), "channels", c.channels(), "inputSections", c
						.inputSections()));
			desc.put("normalisation", Map.of("method", "percentile",
				"lowPercentile", 1.0, "highPercentile", 99.8, "formula",
				"(v - p_low) / (p_high - p_low), percentiles of the whole volume"));
			desc.put("output", Map.of("name", "probability", "axes", "byxc",
				"dtype", "float32", "activation", "sigmoid", "meaning",
				"foreground probability per pixel"));
			desc.put("architecture", Map.of("type", "unet", "depth", c.depth(),
				"baseFilters", c.baseFilters(), "parameters", model.parameterCount()));
			desc.put("stepsTrained", model.stepsTrained());
			Files.writeString(dir.resolve(EXPORT_JSON), GSON.toJson(desc),
				StandardCharsets.UTF_8);
		}
		catch (final IOException | TensorFlowException | IllegalStateException
				| IllegalArgumentException e)
		{
			throw new UserException("could not export the SavedModel to " + dir +
				" (" + e.getMessage() + ")", "check that the folder is writable", e);
		}
	}

	static List<VariableInfo> variables(final TaskModel model) {
		final List<VariableInfo> out = new ArrayList<>();
		for (final Variable<TFloat32> v : model.variables())
			out.add(new VariableInfo(v.op().name(), v.shape().asArray()));
		return out;
	}

	private static boolean sameVariables(final List<VariableInfo> a,
		final List<VariableInfo> b)
	{
		if (a.size() != b.size()) return false;
		for (int i = 0; i < a.size(); i++) {
			if (!a.get(i).name().equals(b.get(i).name()) || !java.util.Arrays.equals(a
				.get(i).shape(), b.get(i).shape())) return false;
		}
		return true;
	}

	/**
	 * Predicts a fixed synthetic patch (smooth stripes, shifted a little from
	 * plane to plane of a 2.5-D input) and returns {@value #PROBE_SAMPLES} of
	 * its pixels spread over the patch.
	 */
	static float[] probe(final TaskModel model, final int size) {
		final int c = model.channels();
		final float[] img = new float[c * size * size];
		for (int ch = 0; ch < c; ch++)
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					img[(ch * size + y) * size + x] = (float) (0.5 + 0.4 * Math.sin(0.37 *
						x + 0.23 * y + 0.5 * ch) * Math.cos(0.11 * x - 0.29 * y));
		final float[] p = new float[img.length];
		model.predict(img, 1, size, size, p);
		final float[] out = new float[PROBE_SAMPLES];
		for (int i = 0; i < PROBE_SAMPLES; i++)
			out[i] = p[(int) ((long) i * (p.length - 1) / (PROBE_SAMPLES - 1))];
		return out;
	}

	private static String firstLine(final String s) {
		if (s == null) return "no details";
		final int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}
}
