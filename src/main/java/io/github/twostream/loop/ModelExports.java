package io.github.twostream.loop;

import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;

import io.github.twostream.model.ModelExport;
import io.github.twostream.model.SectionStack;
import io.github.twostream.model.TaskModel;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Normalization;
import io.github.twostream.volume.Volume;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;

/**
 * Exports a project's latest task model as a bioimage.io-style package
 * ({@link ModelExport}), with a raw test crop from the middle slice of the
 * project's image.
 */
public final class ModelExports {

	/** Side of the test crop (smaller images: the largest multiple that fits). */
	static final int TEST_SIDE = 256;

	private ModelExports() {}

	/** Writes the package of the latest task model into {@code out}. */
	public static ModelVersion export(final ProjectSession session,
		final Path out)
	{
		final Path projectDir = session.project().dir().toAbsolutePath()
			.normalize();
		if (out.toAbsolutePath().normalize().startsWith(projectDir))
			throw new UserException("--out " + out + " is inside the project folder " +
				projectDir, "export to a folder outside the project");
		final Project project = session.project();
		final ModelVersion v = project.models().latest(ModelKind.TASK).orElseThrow(
			() -> new UserException("The project has no trained task model yet",
				"label some patches and train it: twostream train " + project.dir()));
		final Volume vol = session.volume();
		try (TaskModel model = TaskModel.load(project.checkpointPath(v))) {
			final int m = model.sizeMultiple();
			final int w = Math.min(TEST_SIDE, vol.width() / m * m);
			final int h = Math.min(TEST_SIDE, vol.height() / m * m);
			if (w < m || h < m) throw new UserException("the image is smaller than " +
				m + " pixels", "export from a project with a larger image");
			final int z = vol.depth() / 2, y0 = (vol.height() - h) / 2, x0 = (vol
				.width() - w) / 2;
			// NB: a 2.5-D model's test input is the section stack of the crop
			final float[] raw = SectionStack.stack(s -> rawCrop(vol, s, y0, x0, h, w),
				z, vol.depth(), model.config().inputSections(), h * w);
			final Normalization n = vol.normalization();
			ModelExport.write(model, new ModelExport.Description("twostream-task-" + v
				.id(), preset(v.metrics()), model.threshold(), n.low(), n.high(), 1.0,
				99.8, project.dir().getFileName() + ", task model version " + v.id()),
				raw, h, w, out);
			return v;
		}
	}

	/** The preset name in a version's metrics JSON ("custom" if absent). */
	static String preset(final String metrics) {
		try {
			final JsonElement e = metrics == null ? null : JsonParser.parseString(
				metrics);
			if (e != null && e.isJsonObject()) {
				final JsonObject o = e.getAsJsonObject();
				if (o.has("preset")) return o.get("preset").getAsString();
			}
		}
		catch (final JsonParseException | IllegalStateException
				| UnsupportedOperationException e)
		{
			// NB: older versions stored only the loss
		}
		return "unknown";
	}

	private static float[] rawCrop(final Volume v, final int z, final int y0,
		final int x0, final int h, final int w)
	{
		final RandomAccess<? extends RealType<?>> ra = v.raw().randomAccess();
		final float[] out = new float[h * w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				ra.setPosition(new long[] { x0 + x, y0 + y, z });
				out[y * w + x] = ra.get().getRealFloat();
			}
		return out;
	}
}
