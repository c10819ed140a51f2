package io.github.twostream.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import io.github.twostream.util.UserException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/** The bad-input corpus: each case is one clear UserException line. */
class BadInputTest {

	@TempDir
	Path dir;

	private static String fail(final Path p) {
		return fail(p.toString());
	}

	private static String fail(final String spec) {
		final UserException e = assertThrows(UserException.class, () -> {
			try (Volume v = Volumes.open(spec)) {
				v.readSlice(0, null);
			}
		});
		final String m = e.getMessage();
		assertFalse(m.contains("\n"), "one line: " + m);
		assertTrue(m.contains(" -- "), "names a fix: " + m);
		return m;
	}

	@Test
	void rgbImage() {
		final Path f = TestImages.save(new ImagePlus("rgb", new ColorProcessor(64,
			64)), dir.resolve("rgb.tif"));
		final String m = fail(f);
		assertTrue(m.contains("RGB colour"), m);
		assertTrue(m.contains("Image > Type > 8-bit"), m);
	}

	@Test
	void hyperstackWithChannels() {
		final ImagePlus imp = TestImages.pattern(8, 32, 32, 6);
		imp.setDimensions(2, 3, 1);
		imp.setOpenAsHyperStack(true);
		final String m = fail(TestImages.save(imp, dir.resolve("c.tif")));
		assertTrue(m.contains("2 channels (C axis)"), m);
		assertTrue(m.contains("Split Channels"), m);
	}

	@Test
	void hyperstackWithFrames() {
		final ImagePlus imp = TestImages.pattern(8, 32, 32, 6);
		imp.setDimensions(1, 3, 2);
		imp.setOpenAsHyperStack(true);
		final String m = fail(TestImages.save(imp, dir.resolve("t.tif")));
		assertTrue(m.contains("2 time frames (T axis)"), m);
		assertTrue(m.contains("Duplicate"), m);
	}

	@Test
	void singleAxisStackIsAcceptedAsZ() {
		// NB: like the Lucchi++ labels, saved with channels=N only
		final ImagePlus imp = TestImages.pattern(8, 32, 32, 4);
		imp.setDimensions(4, 1, 1);
		final Path f = TestImages.save(imp, dir.resolve("z.tif"));
		try (Volume v = Volumes.open(f.toString())) {
			assertEquals(4, v.depth());
		}
	}

	@Test
	void onePixelImage() {
		final String m = fail(TestImages.save(new ImagePlus("1", new ByteProcessor(
			1, 1)), dir.resolve("one.tif")));
		assertTrue(m.contains("only 1 x 1 pixels"), m);
		assertTrue(m.contains("at least 8 x 8"), m);
	}

	@Test
	void textFileNamedTif() throws IOException {
		final Path f = dir.resolve("notes.tif");
		Files.writeString(f, "these are my notes, not an image\n");
		final String m = fail(f);
		assertTrue(m.contains("is not a readable TIFF"), m);
		assertTrue(m.contains("save it as TIFF"), m);
	}

	@Test
	void truncatedTiff() throws IOException {
		final Path f = TestImages.pattern(dir, "cut.tif", 8, 64, 64, 4);
		try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
			raf.setLength(raf.length() / 2);
		}
		final String m = fail(f);
		assertTrue(m.contains("is truncated"), m);
		assertTrue(m.contains("of 4 are missing or incomplete"), m);
		assertTrue(m.contains("copy or export the file again"), m);
	}

	@Test
	void missingFile() {
		final String m = fail(dir.resolve("nope.tif"));
		assertTrue(m.contains("does not exist"), m);
		assertTrue(m.contains("check the path"), m);
	}

	@Test
	void nanAndInfIn32Bit() {
		final ImagePlus imp = TestImages.pattern(32, 32, 32, 4);
		final FloatProcessor ip = (FloatProcessor) imp.getStack().getProcessor(3);
		ip.setf(1, 1, Float.NaN);
		ip.setf(2, 1, Float.POSITIVE_INFINITY);
		imp.getStack().getProcessor(4).setf(0, 0, Float.NEGATIVE_INFINITY);
		final Path f = TestImages.save(imp, dir.resolve("nan.tif"));
		final String m = fail(f);
		assertTrue(m.contains("has 3 NaN/Inf pixels (first in slice 3 of 4)"), m);
		assertTrue(m.contains("Remove NaNs"), m);
		// large-file path: checked per slice when read
		final DefaultVolume lazy = new DefaultVolume(TiffSlices.open(f), 1);
		final UserException e = assertThrows(UserException.class, () -> lazy
			.readPatch(new Patch(0, 3, 0, 0, 8, 8), null));
		assertTrue(e.getMessage().contains("NaN/Inf pixel"), e.getMessage());
	}

	@Test
	void unknownHdf5Dataset() {
		final Path f = dir.resolve("v.h5");
		try (WritableHdfFile out = HdfFile.write(f)) {
			out.putDataset("raw", new byte[2][16][16]);
		}
		final String m = fail(f + "#/volumes/raw");
		assertTrue(m.contains("has no dataset /volumes/raw"), m);
		assertTrue(m.contains("use one of: /raw [2, 16, 16]"), m);
	}

	@Test
	void non3dHdf5Dataset() {
		final Path f = dir.resolve("flat.h5");
		try (WritableHdfFile out = HdfFile.write(f)) {
			out.putDataset("image", new float[16][16]);
		}
		final String m = fail(f + "#/image");
		assertTrue(m.contains("is 2-D [16, 16], but a 3-D (Z, Y, X) volume is needed"), m);
		final String first = fail(f);
		assertTrue(first.contains("has no 3-D numeric dataset"), first);
	}

	@Test
	void notAnHdf5File() throws IOException {
		final Path f = dir.resolve("fake.h5");
		Files.writeString(f, "hello");
		final String m = fail(f);
		assertTrue(m.contains("is not a readable HDF5 file"), m);
	}

	@Test
	void folderInsteadOfFile() {
		final String m = fail(dir);
		assertTrue(m.contains("is not a file"), m);
	}
}
