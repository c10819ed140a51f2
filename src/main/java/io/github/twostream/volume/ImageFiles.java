package io.github.twostream.volume;

import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.UserException;

/**
 * Image files written atomically ({@link AtomicFiles}: a temporary file in
 * the target folder, fsynced, then renamed over the target), so a reader
 * racing a writer (or a crash) never leaves a torn image. Used for every image
 * we write ({@link Tiffs}, plots, heatmaps).
 */
public final class ImageFiles {

	/** Writes an image to the temporary path it is given. */
	@FunctionalInterface
	public interface Saver {

		/** @return false if the writer reports failure */
		boolean save(Path tmp) throws IOException;
	}

	private ImageFiles() {}

	/**
	 * Atomically replaces {@code target} with what {@code saver} writes; a
	 * failure is one {@link UserException} naming the file.
	 */
	public static void replace(final Path target, final Saver saver) {
		final Path abs = target.toAbsolutePath();
		try {
			AtomicFiles.replace(abs, tmp -> {
				if (!saver.save(tmp)) throw new IOException("the image writer failed");
			});
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + abs + " (" + e.getMessage() +
				")", "check free disk space and that " + abs.getParent() +
					" is writable");
		}
	}

	/** Saves {@code imp} (a stack or hyperstack too) as an ImageJ TIFF. */
	public static void saveTiff(final ImagePlus imp, final Path tif) {
		replace(tif, tmp -> new FileSaver(imp).saveAsTiff(tmp.toString()));
	}

	/**
	 * Saves {@code picture} as displayed (LUT and range applied) as a PNG.
	 * NB: not {@code IJ.saveAs(imp, "png", path)}: outside Fiji (no
	 * ij1-patcher) it goes through {@code IJ.run}, which builds the AWT menu
	 * bar and throws {@code HeadlessException}. ImageIO writes the same pixels
	 * headless.
	 */
	public static void savePng(final ImageProcessor picture, final Path png) {
		replace(png, tmp -> ImageIO.write(picture.getBufferedImage(), "png", tmp
			.toFile()));
	}
}
