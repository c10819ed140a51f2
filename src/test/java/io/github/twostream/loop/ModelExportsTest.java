package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

import io.github.twostream.model.ModelExport;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Model export on a real project: train (stores preset and threshold in the
 * version's metrics), export the bioimage.io-style package, load the
 * SavedModel back with TF Java and reproduce the package's test output from
 * its test input and the rdf.yaml pre-processing.
 */
class ModelExportsTest {

	@TempDir
	Path dir;

	static ModelPreset tinyPreset() {
		final ModelPreset f = ModelPreset.fast(64);
		return f.withUnet(f.unet().withArchitecture(2, 4).withBatchSize(2))
			.withContextMargin(8);
	}

	/** 2-D and 2.5-D (the section and one neighbour on each side). */
	@ParameterizedTest
	@ValueSource(ints = { 0, 1 })
	void exportedSavedModelReproducesTheTestOutput(final int sections)
		throws Exception
	{
		final ModelPreset preset = tinyPreset().withUnet(tinyPreset().unet()
			.withInputSections(sections));
		final int c = 2 * sections + 1;
		try (ProjectSession s = ProjectSession.create(dir.resolve("p"),
			ActiveLearningLoopTest.TRAIN, 64, 64))
		{
			final int[] ids = new java.util.Random(5).ints(0, s.grid().size())
				.distinct().limit(12).toArray();
			LabelTransfer.importPatches(s, ActiveLearningLoopTest.TRAIN_LABELS, ids,
				255);
			final float threshold;
			try (TaskStage.Trained t = TaskStage.train(s, preset, 6, false,
				Progress.NONE))
			{
				threshold = t.model().threshold();
				final String metrics = t.version().metrics();
				assertTrue(metrics.contains("\"preset\":\"fast\""), metrics);
				assertTrue(metrics.contains("\"heldOutPatches\":1"), metrics);
				assertTrue(metrics.contains(String.format(java.util.Locale.ROOT,
					"\"threshold\":%.3f", threshold)), metrics);
			}
			final Path inside = s.project().dir().resolve("export");
			final UserException e = assertThrows(UserException.class,
				() -> ModelExports.export(s, inside));
			assertTrue(e.getMessage().contains("inside the project"), e.getMessage());
			assertTrue(!Files.exists(inside));

			final Path out = dir.resolve("package");
			ModelExports.export(s, out);
			for (final String f : ModelExport.files())
				assertTrue(Files.exists(out.resolve(f)), f);
			final String rdf = Files.readString(out.resolve(ModelExport.RDF));
			assertTrue(rdf.contains("format_version: 0.5"), rdf);
			assertTrue(rdf.contains("tensorflow_saved_model_bundle:"), rdf);
			assertTrue(rdf.contains(String.format(java.util.Locale.ROOT,
				"threshold: %.3f", threshold)), rdf);
			assertTrue(rdf.contains("preset: fast"), rdf);
			assertThrows(UserException.class, () -> ModelExports.export(s, out),
				"a non-empty folder is refused");

			final float gain = number(rdf, "gain"), offset = number(rdf, "offset");
			final float[] raw = ModelExport.readNpy(out.resolve(
				ModelExport.TEST_INPUT));
			final float[] expected = ModelExport.readNpy(out.resolve(
				ModelExport.TEST_OUTPUT));
			assertEquals(c * 256 * 256, raw.length);
			assertTrue(rdf.contains("input_sections: " + sections), rdf);
			final float[] in = new float[raw.length];
			for (int i = 0; i < in.length; i++)
				in[i] = raw[i] * gain + offset;
			try (SavedModelBundle b = SavedModelBundle.load(out.resolve(
				ModelExport.SAVED_MODEL).toString(), "serve");
					TFloat32 x = TFloat32.tensorOf(Shape.of(1, 256, 256, c)))
			{
				x.asRawTensor().data().asFloats().write(in);
				try (var result = b.function("serving_default").call(Map.of("image",
					x)))
				{
					final Tensor y = result.get("probability").orElseThrow();
					final float[] got = new float[expected.length];
					((TFloat32) y).asRawTensor().data().asFloats().read(got);
					double maxErr = 0;
					for (int i = 0; i < got.length; i++)
						maxErr = Math.max(maxErr, Math.abs(got[i] - expected[i]));
					assertTrue(maxErr < 1e-5, "max error " + maxErr);
				}
			}
		}
	}

	private static float number(final String rdf, final String key) {
		final Matcher m = Pattern.compile(key + ": ([-0-9.eE+]+)").matcher(rdf);
		assertTrue(m.find(), key);
		return Float.parseFloat(m.group(1));
	}
}
