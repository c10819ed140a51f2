package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import io.github.twostream.model.CountingPredictor;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;
import io.github.twostream.volume.VoxelSize;

/** Whole-volume prediction streamed into TIFFs, on the project's test data. */
class PredictionsTest {

	@TempDir
	Path tmp;

	/** A 3-slice stack with the given voxel size (null: uncalibrated). */
	private Path stack(final String name, final double[] voxel) {
		final ImagePlus imp = IJ.createImage(name, "8-bit ramp", 32, 32, 3);
		if (voxel != null) {
			final Calibration c = imp.getCalibration();
			c.pixelWidth = voxel[0];
			c.pixelHeight = voxel[1];
			c.pixelDepth = voxel[2];
			c.setUnit("micron");
		}
		final Path p = tmp.resolve(name + ".tif");
		IJ.saveAsTiff(imp, p.toString());
		return p;
	}

	@Test
	void sectionsAreAveragedByDefaultOnlyOnNearIsotropicStacks()
		throws IOException
	{
		final String[] names = { "lucchi", "isbi", "plain", "twice" };
		final double[][] voxels = { { 0.005, 0.005, 0.005 }, { 0.004, 0.004,
			0.05 }, null, { 0.004, 0.004, 0.008 } };
		// NB: 6 sections on each side where a section is a pixel side thick,
		// 6 / 2 where it is two
		final int[] expected = { Predictions.ISOTROPIC_RADIUS, 0, 0,
			Predictions.ISOTROPIC_RADIUS / 2 };
		final String[] why = { "near-isotropic", "12.5x thicker than a pixel",
			"records no voxel size", "near-isotropic" };
		for (int i = 0; i < names.length; i++)
			try (Volume v = Volumes.open(stack(names[i], voxels[i]).toString())) {
				final Predictions.Sections s = Predictions.defaultSections(v);
				assertEquals(expected[i], s.radius(), names[i] + ": " + s.why());
				assertTrue(s.why().contains(why[i]), s.why());
			}
	}

	@Test
	void theDefaultRadiusShrinksToFitAQuarterOfTheHeap() {
		final VoxelSize iso = new VoxelSize(0.005, 0.005, 0.005, "micron");
		final long pixels = 1000 * 1000, slice = 4 * pixels;
		final long plenty = 4 * slice * (2 * Predictions.ISOTROPIC_RADIUS + 1);
		final Predictions.Sections all = Predictions.defaultSections(iso, pixels,
			plenty);
		assertEquals(Predictions.ISOTROPIC_RADIUS, all.radius());
		assertFalse(all.why().contains("heap"), all.why());
		// a quarter of this heap holds 5 slices: 2 on each side
		final Predictions.Sections some = Predictions.defaultSections(iso, pixels,
			4 * 5 * slice + 7);
		assertEquals(2, some.radius());
		assertTrue(some.why().contains("would not fit a quarter of the"), some
			.why());
		assertEquals(0, Predictions.defaultSections(iso, pixels, slice).radius());
		assertEquals(0, Predictions.defaultSections(null, pixels, plenty)
			.radius());
	}

	@Test
	void sectionAveragingPredictsEverySliceOnce() throws IOException {
		try (Volume v = Volumes.open("test-data/train-volume.tif");
				TaskModel m = new TaskModel(new UNetConfig(64, 2, 4, 0.9f, 1e-3f, 4,
					0.5f, 3L)))
		{
			// NB: a 256 x 256 slice is one 256 x 256 tile
			final CountingPredictor alone = new CountingPredictor(m),
				averaged = new CountingPredictor(m);
			final Path a = tmp.resolve("alone.tif"), b = tmp.resolve("averaged.tif");
			Predictions.write(alone, v, a, 0, Progress.NONE);
			Predictions.write(averaged, v, b, 1, Progress.NONE);
			assertEquals(v.depth(), alone.images());
			assertEquals(v.depth(), averaged.images(), "ImageJ's writer asks for " +
				"the slices in order, so each is predicted once");
			final ImageStack sa = IJ.openImage(a.toString()).getStack();
			final ImageStack sb = IJ.openImage(b.toString()).getStack();
			final int z = 5;
			final float[] prev = (float[]) sa.getPixels(z - 1), mid = (float[]) sa
				.getPixels(z), next = (float[]) sa.getPixels(z + 1), mean =
					(float[]) sb.getPixels(z);
			final float[] expected = new float[mid.length];
			for (int i = 0; i < mid.length; i++)
				expected[i] = (prev[i] + 2 * mid[i] + next[i]) / 4;
			assertArrayEquals(expected, mean, 1e-6f);
		}
	}
}
