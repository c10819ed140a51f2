package io.github.twostream.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;

class VolumesTest {

	@TempDir
	Path dir;

	@Test
	void opensTiffOfEveryBitDepthWithCorrectPixels() {
		for (final int bits : new int[] { 8, 16, 32 })
			checkTiff(bits);
	}

	private void checkTiff(final int bits) {
		final Path f = TestImages.pattern(dir, "v" + bits + ".tif", bits, 70, 50,
			5);
		try (Volume v = Volumes.open(f.toString())) {
			assertEquals(70, v.width());
			assertEquals(50, v.height());
			assertEquals(5, v.depth());
			assertEquals(bits, v.bitDepth());
			// raw() matches the pattern ImageJ wrote
			final RandomAccess<? extends RealType<?>> ra = v.raw().randomAccess();
			for (final int[] p : new int[][] { { 0, 0, 0 }, { 69, 49, 4 }, { 13, 7,
				2 }, { 40, 20, 3 } })
			{
				ra.setPosition(p);
				assertEquals(TestImages.value(bits, p[0], p[1], p[2]), ra.get()
					.getRealDouble(), 1e-4, Arrays.toString(p));
			}
			// raw() also iterates (ImgLib2 cursor over the lazy slices)
			double sum = 0, expected = 0;
			for (final RealType<?> t : v.raw())
				sum += t.getRealDouble();
			for (int z = 0; z < 5; z++)
				for (int y = 0; y < 50; y++)
					for (int x = 0; x < 70; x++)
						expected += TestImages.value(bits, x, y, z);
			assertEquals(expected, sum, Math.abs(expected) * 1e-9);
			// readPatch == normalised raw pixels
			final Normalization n = v.normalization();
			final Patch patch = new Patch(0, 3, 10, 20, 16, 24);
			final float[] out = v.readPatch(patch, null);
			for (int y = 0; y < 16; y++)
				for (int x = 0; x < 24; x++)
					assertEquals(n.apply(TestImages.value(bits, 20 + x, 10 + y, 3)),
						out[y * 24 + x], 1e-5);
			// readSlice agrees with readPatch
			final float[] slice = v.readSlice(3, null);
			assertEquals(out[5 * 24 + 7], slice[15 * 70 + 27], 0f);
		}
	}

	@Test
	void normalisationUsesRobustPercentiles() {
		// 8-bit: values 0..99 evenly + a few saturated outliers
		final ImagePlus imp = TestImages.pattern(8, 100, 100, 2);
		for (int z = 1; z <= 2; z++) {
			final var ip = imp.getStack().getProcessor(z);
			for (int y = 0; y < 100; y++)
				for (int x = 0; x < 100; x++)
					ip.set(x, y, x);
			ip.set(0, 0, 255); // outliers: 0.01 % of pixels
			ip.set(1, 0, 255);
		}
		final Path f = TestImages.save(imp, dir.resolve("n.tif"));
		try (Volume v = Volumes.open(f.toString())) {
			final Normalization n = v.normalization();
			assertEquals(1.0, n.low(), 0.5);
			assertEquals(99.0, n.high(), 0.5); // outliers ignored
			assertTrue(n == v.normalization(), "computed once");
			final float[] s = v.readSlice(0, null);
			assertEquals(n.apply(50), s[100 * 10 + 50], 1e-6);
			assertEquals((50 - n.low()) / (n.high() - n.low()), s[100 * 10 + 50],
				1e-5);
		}
	}

	@Test
	void readsEveryPatchOfTheGrid() {
		final Path f = TestImages.pattern(dir, "g.tif", 16, 150, 130, 3);
		try (Volume v = Volumes.open(f.toString())) {
			final PatchGrid grid = new PatchGrid(v.depth(), v.height(), v.width(),
				64, 64);
			final Normalization n = v.normalization();
			float[] buf = null;
			for (final Patch p : grid.patches()) {
				buf = v.readPatch(p, buf);
				assertEquals(n.apply(TestImages.value(16, p.x() + 63, p.y() + 63, p
					.z())), buf[63 * 64 + 63], 1e-5);
			}
			assertEquals(3 * 3 * 3, grid.size());
		}
	}

	@Test
	void smallCacheEvictsAndStillReadsCorrectly() {
		// NB: the code path of volumes bigger than 1/4 of the heap
		final Path f = TestImages.pattern(dir, "lazy.tif", 16, 64, 64, 6);
		final DefaultVolume v = new DefaultVolume(TiffSlices.open(f), 2 * 64 * 64 *
			2);
		final Normalization n = v.normalization();
		for (final int z : new int[] { 5, 0, 3, 5, 1, 4, 2, 0 }) {
			final float[] p = v.readPatch(new Patch(0, z, 60, 1, 4, 3), null);
			assertEquals(n.apply(TestImages.value(16, 3, 63, z)), p[3 * 3 + 2],
				1e-6);
		}
		v.close();
	}

	@Test
	void fingerprintIsStableAndContentSensitive() throws Exception {
		final Path a = TestImages.pattern(dir, "a.tif", 8, 64, 64, 4);
		final Path b = TestImages.pattern(dir, "b.tif", 8, 64, 64, 4);
		final String fa = Volumes.fingerprint(a.toString());
		assertEquals(64, fa.length());
		assertEquals(fa, Volumes.fingerprint(a.toString()), "stable");
		assertEquals(fa, Volumes.fingerprint(b.toString()),
			"same content, other name");
		// change one pixel in slice 3
		final ImagePlus imp = IJ.openImage(b.toString());
		imp.getStack().getProcessor(3).set(5, 5, 200);
		TestImages.save(imp, b);
		assertNotEquals(fa, Volumes.fingerprint(b.toString()));
		// different dims, same bytes count
		final Path c = TestImages.pattern(dir, "c.tif", 8, 128, 32, 4);
		assertNotEquals(fa, Volumes.fingerprint(c.toString()));
	}

	@Test
	void fingerprintSamplesLargeFiles() throws Exception {
		// > 1 MiB: sampled blocks; a change in the first block is detected
		final Path a = TestImages.pattern(dir, "big.tif", 8, 512, 512, 6);
		assertTrue(Files.size(a) > Volumes.FINGERPRINT_WHOLE_FILE);
		final String fa = Volumes.fingerprint(a.toString());
		final ImagePlus imp = IJ.openImage(a.toString());
		imp.getStack().getProcessor(1).set(0, 0, 99);
		TestImages.save(imp, a);
		assertNotEquals(fa, Volumes.fingerprint(a.toString()));
	}

	@Test
	void readsHdf5DatasetWrittenByJhdf() {
		final int d = 3, h = 40, w = 50;
		final float[][][] data = new float[d][h][w];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					data[z][y][x] = (float) TestImages.value(32, x, y, z);
		final Path f = dir.resolve("v.h5");
		try (WritableHdfFile out = HdfFile.write(f)) {
			out.putGroup("volumes").putDataset("raw", data);
			out.putDataset("flat", new float[] { 1, 2, 3 });
		}
		for (final String spec : new String[] { f + "#/volumes/raw", f +
			"#volumes/raw", f.toString() })
		{
			try (Volume v = Volumes.open(spec)) {
				assertEquals(w, v.width());
				assertEquals(h, v.height());
				assertEquals(d, v.depth());
				assertTrue(v.source().endsWith("#/volumes/raw"), v.source());
				final Normalization n = v.normalization();
				final float[] p = v.readPatch(new Patch(0, 2, 5, 6, 8, 8), null);
				assertEquals(n.apply(data[2][5 + 3][6 + 4]), p[3 * 8 + 4], 1e-5);
			}
		}
		assertEquals(Volumes.fingerprint(f.toString()), Volumes.fingerprint(f +
			"#/volumes/raw"));
	}

	@Test
	void readsInt16Hdf5AsFloat() {
		final short[][][] data = new short[2][12][10];
		data[1][11][9] = -300;
		data[0][0][0] = 1200;
		final Path f = dir.resolve("s.h5");
		try (WritableHdfFile out = HdfFile.write(f)) {
			out.putDataset("raw", data);
		}
		try (Volume v = Volumes.open(f + "#raw")) {
			assertEquals(32, v.bitDepth()); // NB: signed -> float
			final RandomAccess<? extends RealType<?>> ra = v.raw().randomAccess();
			ra.setPosition(new int[] { 9, 11, 1 });
			assertEquals(-300, ra.get().getRealDouble(), 0);
			ra.setPosition(new int[] { 0, 0, 0 });
			assertEquals(1200, ra.get().getRealDouble(), 0);
		}
	}

	@Test
	void hdf5FastPathMatchesJhdfGenericReader() {
		final Path f = dir.resolve("types.h5");
		final float[][][] fl = new float[2][9][11];
		final double[][][] db = new double[2][9][11];
		final byte[][][] by = new byte[2][9][11];
		final short[][][] sh = new short[2][9][11];
		final int[][][] in = new int[2][9][11];
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 9; y++)
				for (int x = 0; x < 11; x++) {
					final double v = TestImages.value(32, x, y, z);
					fl[z][y][x] = (float) v;
					db[z][y][x] = v * 3;
					by[z][y][x] = (byte) (x * 20 - y);
					sh[z][y][x] = (short) (x * 3000 - y * 7 - z);
					in[z][y][x] = x * 300000 - y * 7 + z;
				}
		try (WritableHdfFile out = HdfFile.write(f)) {
			out.putDataset("f", fl);
			out.putDataset("d", db);
			out.putDataset("b", by);
			out.putDataset("s", sh);
			out.putDataset("i", in);
		}
		for (final String ds : new String[] { "/f", "/d", "/b", "/s", "/i" }) {
			try (Hdf5Slices fast = Hdf5Slices.open(f, ds, true);
				Hdf5Slices slow = Hdf5Slices.open(f, ds, false))
			{
				for (int z = 0; z < 2; z++) {
					final Object a = fast.readSlice(z), b = slow.readSlice(z);
					for (int i = 0; i < 99; i++)
						assertEquals(Pixels.get(b, i), Pixels.get(a, i), 0, ds + " " + i);
				}
				assertEquals(ds.equals("/d") ? db[1][8][10] : ds.equals("/i")
					? in[1][8][10] : ds.equals("/s") ? sh[1][8][10] : ds.equals("/b")
						? by[1][8][10] : fl[1][8][10], Pixels.get(fast.readSlice(1), 98),
					Math.abs(in[1][8][10]) * 1e-6, ds);
			}
		}
	}

	@Test
	void readsUnsigned8BitHdf5() {
		final byte[][][] data = new byte[2][16][16];
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 16; y++)
				for (int x = 0; x < 16; x++)
					data[z][y][x] = (byte) (x * 16 + y);
		final Path f = dir.resolve("b.h5");
		try (WritableHdfFile out = HdfFile.write(f)) {
			out.putDataset("raw", data);
		}
		try (Volume v = Volumes.open(f.toString())) {
			final RandomAccess<? extends RealType<?>> ra = v.raw().randomAccess();
			ra.setPosition(new int[] { 15, 3, 1 });
			// NB: jhdf writes Java bytes as signed int8
			assertEquals(data[1][3][15], ra.get().getRealDouble(), 0);
		}
	}
}
