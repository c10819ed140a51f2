package io.github.twostream.volume;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import io.github.twostream.util.StaleFiles;
import io.github.twostream.util.UserException;

/**
 * Image files written atomically: into a temporary file in the target folder,
 * which then replaces the target in one rename, so a reader racing a writer
 * (or a crash) never leaves a torn image. Used for every image we write
 * ({@link Tiffs}, plots, heatmaps).
 * <p>
 * NB: not {@code store.AtomicFiles}, which sits above this package (it also
 * fsyncs, for the project's own files); these are outputs in a user's folder.
 * </p>
 */
public final class ImageFiles {

	/** Writes an image to the temporary path it is given. */
	@FunctionalInterface
	public interface Saver {

		/** @return false if the writer reports failure */
		boolean save(Path tmp) throws IOException;
	}

	private ImageFiles() {}

	/** Atomically replaces {@code target} with what {@code saver} writes. */
	public static void replace(final Path target, final Saver saver) {
		final Path abs = target.toAbsolutePath();
		final Path folder = abs.getParent();
		Path tmp = null;
		try {
			Files.createDirectories(folder);
			StaleFiles.clear(folder, "." + abs.getFileName() + ".");
			tmp = Files.createTempFile(folder, "." + abs.getFileName() + ".",
				".tmp");
			if (!saver.save(tmp)) throw new IOException("the image writer failed");
			try {
				Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
			}
			readableByAll(abs);
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + abs + " (" + e.getMessage() +
				")", "check free disk space and that " + folder + " is writable");
		}
		finally {
			if (tmp != null) try {
				Files.deleteIfExists(tmp);
			}
			catch (final IOException e) {
				// best effort
			}
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

	/** NB: temp files are created owner-only; give the result normal rights. */
	private static void readableByAll(final Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
				"rw-r--r--"));
		}
		catch (final UnsupportedOperationException | IOException e) {
			// not a POSIX file system: keep what the OS gave us
		}
	}
}
