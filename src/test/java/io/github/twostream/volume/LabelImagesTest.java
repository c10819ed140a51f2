package io.github.twostream.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.github.twostream.util.UserException;

class LabelImagesTest {

	@TempDir
	Path dir;

	private static byte label(final int x, final int y, final int z) {
		return (byte) ((x + y + z) % 3 == 0 ? 255 : 0);
	}

	private static byte[] slice(final int w, final int h, final int z) {
		final byte[] s = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				s[y * w + x] = label(x, y, z);
		return s;
	}

	@Test
	void writesAtomicallyAndReadsBackPatches() throws IOException {
		final Path f = dir.resolve("sub/labels.tif");
		LabelImages.write(f, 40, 30, 3, z -> slice(40, 30, z));
		try (Stream<Path> files = Files.list(f.getParent())) {
			assertEquals(1, files.count(), "no temp file left");
		}
		// ImageJ sees an 8-bit stack
		final ImagePlus imp = IJ.openImage(f.toString());
		assertEquals(8, imp.getBitDepth());
		assertEquals(3, imp.getStackSize());
		assertEquals(255, imp.getStack().getProcessor(2).get(2, 0));
		try (LabelImage l = LabelImages.open(f.toString(), 40, 30, 3)) {
			final byte[] p = l.readPatch(new Patch(0, 2, 5, 7, 10, 12), null);
			for (int y = 0; y < 10; y++)
				for (int x = 0; x < 12; x++)
					assertEquals(label(7 + x, 5 + y, 2), p[y * 12 + x]);
			assertArrayEquals(slice(40, 30, 1), l.readSlice(1, null));
		}
		// overwrite in place
		LabelImages.write(f, 40, 30, 1, z -> new byte[40 * 30]);
		try (LabelImage l = LabelImages.open(f.toString())) {
			assertEquals(1, l.depth());
			assertEquals(0, l.readSlice(0, null)[3]);
		}
	}

	@Test
	void reads16BitLabels() {
		final ImagePlus imp = TestImages.pattern(16, 20, 20, 2);
		for (int z = 1; z <= 2; z++)
			{
			imp.getStack().getProcessor(z).setValue(0);
			imp.getStack().getProcessor(z).fill();
		}
		imp.getStack().getProcessor(2).putPixel(3, 4, 200);
		final Path f = TestImages.save(imp, dir.resolve("l16.tif"));
		imp.getStack().getProcessor(1).putPixel(0, 0, 1000);
		final Path bad = TestImages.save(imp, dir.resolve("l16bad.tif"));
		try (LabelImage l = LabelImages.open(f.toString())) {
			assertEquals((byte) 200, l.readSlice(1, null)[4 * 20 + 3]);
		}
		try (LabelImage l = LabelImages.open(bad.toString())) {
			final UserException e = assertThrows(UserException.class, () -> l
				.readSlice(0, null));
			assertTrue(e.getMessage().contains("label value 1000 in slice 1"), e
				.getMessage());
		}
	}

	@Test
	void shapeMismatchNamesBothShapes() {
		final Path f = dir.resolve("l.tif");
		LabelImages.write(f, 40, 30, 3, z -> slice(40, 30, z));
		final Path vol = TestImages.pattern(dir, "v.tif", 8, 40, 30, 4);
		try (Volume v = Volumes.open(vol.toString())) {
			final UserException e = assertThrows(UserException.class,
				() -> LabelImages.open(f.toString(), v));
			final String m = e.getMessage();
			assertTrue(m.contains("is 40 x 30 x 3 but the volume is 40 x 30 x 4"),
				m);
			assertFalse(m.contains("\n"));
		}
	}

	@Test
	void rejects32BitLabels() {
		final Path f = TestImages.pattern(dir, "f.tif", 32, 16, 16, 2);
		final UserException e = assertThrows(UserException.class,
			() -> LabelImages.open(f.toString()));
		assertTrue(e.getMessage().contains("labels must be 8- or 16-bit"));
	}
}
