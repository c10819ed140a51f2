package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.Progress;

class WeightAverageTest {

	@Test
	void appliesTheMeanOfTheSnapshots() {
		final SyntheticEm d = new SyntheticEm(4, 32, 3);
		final TrainingSet data = new TrainingSet(32);
		for (int i = 0; i < 4; i++)
			data.add(d.image(i), d.mask(i));
		try (TaskModel m = new TaskModel(TaskModelTest.tiny())) {
			final WeightAverage avg = new WeightAverage(m);
			m.trainSteps(data, 3, Progress.NONE);
			final float[] a = TaskModelTest.weights(m);
			avg.add();
			m.trainSteps(data, 3, Progress.NONE);
			final float[] b = TaskModelTest.weights(m);
			avg.add();
			m.trainSteps(data, 3, Progress.NONE);
			final float[] c = TaskModelTest.weights(m);
			avg.add();
			assertEquals(3, avg.count());
			avg.apply();
			final float[] mean = TaskModelTest.weights(m);
			double moved = 0;
			for (int j = 0; j < mean.length; j++) {
				assertEquals((a[j] + b[j] + c[j]) / 3, mean[j], 1e-6 + 1e-5 * Math.abs(
					mean[j]), "weight " + j);
				moved += Math.abs(c[j] - a[j]);
			}
			assertTrue(moved > 0, "training moved the weights");
			// the averaged model predicts, and can go on training
			final float[] prob = new float[32 * 32];
			m.predict(d.image(0), 1, prob);
			for (final float p : prob)
				assertTrue(p >= 0 && p <= 1);
			assertTrue(Float.isFinite(m.trainSteps(data, 2, Progress.NONE)));
		}
	}
}
