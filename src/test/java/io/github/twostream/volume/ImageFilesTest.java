package io.github.twostream.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import io.github.twostream.util.UserException;

/** Atomic image writes: a failed write leaves the previous file whole. */
class ImageFilesTest {

	@TempDir
	Path dir;

	private long files() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.count();
		}
	}

	@Test
	void failedWriteKeepsThePreviousFileAndNoTemporary() throws IOException {
		final Path png = dir.resolve("heat.png");
		final ColorProcessor cp = new ColorProcessor(5, 3);
		cp.set(2, 1, 0x123456);
		ImageFiles.savePng(cp, png);
		final byte[] before = Files.readAllBytes(png);
		final UserException e = assertThrows(UserException.class, () -> ImageFiles
			.replace(png, tmp -> {
				Files.write(tmp, new byte[] { 1, 2, 3 }); // a torn, partial image
				throw new IOException("disk full");
			}));
		assertTrue(e.getMessage().contains("heat.png") && e.getMessage().contains(
			"disk full"), e.getMessage());
		assertArrayEquals(before, Files.readAllBytes(png));
		assertEquals(1, files(), "no temporary file left behind");
		final BufferedImage back = ImageIO.read(png.toFile());
		assertEquals(5, back.getWidth());
		assertEquals(0x123456, back.getRGB(2, 1) & 0xffffff);
	}

	@Test
	void hyperstackKeepsItsAxes() {
		final ImageStack st = new ImageStack(4, 3);
		for (int i = 0; i < 6; i++)
			st.addSlice(new FloatProcessor(4, 3, new float[12]));
		final ImagePlus imp = new ImagePlus("h", st);
		imp.setDimensions(2, 3, 1);
		final Path tif = dir.resolve("h.tif");
		ImageFiles.saveTiff(imp, tif);
		final ImagePlus back = IJ.openImage(tif.toString());
		assertEquals(2, back.getNChannels());
		assertEquals(3, back.getNSlices());
		assertEquals(32, back.getBitDepth());
	}
}
