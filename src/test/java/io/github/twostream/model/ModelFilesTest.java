package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.twostream.model.tf.Tensors;
import io.github.twostream.model.tf.TfRuntime;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** Checkpoints (save/load/verify) and SavedModel export. */
class ModelFilesTest {

	@TempDir
	Path tmp;

	private static TaskModel trained(final UNetConfig c) {
		final TaskModel m = new TaskModel(c);
		m.trainSteps(new SyntheticEm(6, 32, 21).trainingSet(0, 6), 5,
			Progress.NONE);
		return m;
	}

	@Test
	void restoreGivesBitIdenticalPredictionsAndContinuesTraining()
		throws IOException
	{
		final SyntheticEm d = new SyntheticEm(4, 32, 22);
		final float[] before = new float[4 * 1024], after = new float[4 * 1024];
		final Path dir = tmp.resolve("ckpt");
		try (TaskModel m = trained(TaskModelTest.tiny())) {
			m.predict(d.images, 4, before);
			m.save(dir);
			assertTrue(Files.exists(dir.resolve("model.json")));
			final JsonObject json = JsonParser.parseString(Files.readString(dir
				.resolve("model.json"))).getAsJsonObject();
			assertEquals(2, json.getAsJsonObject("config").get("depth").getAsInt());
			assertEquals(m.variables().size(), json.getAsJsonArray("variables")
				.size());
			try (TaskModel r = TaskModel.load(dir)) {
				r.predict(d.images, 4, after);
				assertArrayEquals(before, after);
				assertEquals(TaskModelTest.tiny(), r.config());
				assertEquals(5, r.stepsTrained());
				assertArrayEquals(TaskModelTest.weights(m), TaskModelTest.weights(r));
				// fine-tuning continues from the restored weights and Adam state
				final TrainingSet t = d.trainingSet(0, 4);
				r.trainSteps(t, 1, Progress.NONE);
				assertEquals(6, r.stepsTrained());
			}
			try (TaskModel r = TaskModel.load(dir, TaskModelTest.tiny().withBatchSize(
				2)))
			{
				assertEquals(2, r.config().batchSize());
			}
		}
	}

	@Test
	void otherArchitectureIsRejected() throws IOException {
		final Path small = tmp.resolve("small"), big = tmp.resolve("big");
		try (TaskModel a = trained(TaskModelTest.tiny()); TaskModel b = trained(
			TaskModelTest.tiny().withArchitecture(3, 8)))
		{
			a.save(small);
			b.save(big);
		}
		final UserException e = assertThrows(UserException.class, () -> TaskModel
			.load(big, TaskModelTest.tiny()));
		assertTrue(e.getMessage().contains("depth 3"), e.getMessage());
		// variable files of the other architecture under this model.json
		for (final String f : new String[] { "variables.index",
			"variables.data-00000-of-00001" })
			Files.copy(big.resolve(f), small.resolve(f),
				StandardCopyOption.REPLACE_EXISTING);
		final UserException e2 = assertThrows(UserException.class, () -> TaskModel
			.load(small));
		assertTrue(e2.getMessage().contains("corrupt, truncated or from another architecture"),
			e2.getMessage());
	}

	@Test
	void corruptFilesAreUserErrors() throws IOException {
		final Path dir = tmp.resolve("c");
		try (TaskModel m = trained(TaskModelTest.tiny())) {
			m.save(dir);
		}
		// truncated variable data
		final Path data = dir.resolve("variables.data-00000-of-00001");
		final byte[] bytes = Files.readAllBytes(data);
		Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		final UserException e = assertThrows(UserException.class, () -> TaskModel
			.load(dir));
		assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
		// flipped bytes in the data
		final byte[] flipped = bytes.clone();
		for (int i = 100; i < 140; i++)
			flipped[i] ^= 0x5a;
		Files.write(data, flipped);
		assertThrows(UserException.class, () -> TaskModel.load(dir));
		// truncated model.json
		Files.write(data, bytes);
		final Path json = dir.resolve("model.json");
		final String text = Files.readString(json);
		Files.writeString(json, text.substring(0, text.length() / 3));
		final UserException e3 = assertThrows(UserException.class, () -> TaskModel
			.load(dir));
		assertTrue(e3.getMessage().contains("corrupt"), e3.getMessage());
		// no checkpoint at all
		assertThrows(UserException.class, () -> TaskModel.load(tmp.resolve(
			"nothing")));
	}

	@Test
	void exportedSavedModelPredictsTheSame() throws IOException {
		final SyntheticEm d = new SyntheticEm(3, 32, 23);
		final float[] expected = new float[3 * 1024];
		final Path dir = tmp.resolve("export");
		try (TaskModel m = trained(TaskModelTest.tiny())) {
			m.predict(d.images, 3, expected);
			m.exportSavedModel(dir);
			assertThrows(UserException.class, () -> m.exportSavedModel(dir));
		}
		final JsonObject desc = JsonParser.parseString(Files.readString(dir
			.resolve("twostream-model.json"))).getAsJsonObject();
		assertEquals("byxc", desc.getAsJsonObject("input").get("axes")
			.getAsString());
		assertEquals(32, desc.getAsJsonObject("input").get("patchSize").getAsInt());
		assertEquals("percentile", desc.getAsJsonObject("normalisation").get(
			"method").getAsString());
		assertEquals("sigmoid", desc.getAsJsonObject("output").get("activation")
			.getAsString());
		try (SavedModelBundle b = SavedModelBundle.loader(dir.toString())
			.withTags(SavedModelBundle.DEFAULT_TAG).withConfigProto(TfRuntime.get()
				.config()).load();
				TFloat32 in = Tensors.batch(d.images, 3, 32, 32);
				Result r = b.function("serving_default").call(Map.of("image", in)))
		{
			final Tensor out = r.get("probability").orElseThrow();
			final float[] got = Tensors.unbatch((TFloat32) out, null);
			assertArrayEquals(expected, got, 1e-6f);
		}
	}
}
