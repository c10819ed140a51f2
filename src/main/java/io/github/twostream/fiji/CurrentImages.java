package io.github.twostream.fiji;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.Optional;

import ij.ImagePlus;
import ij.WindowManager;
import ij.io.FileInfo;
import ij.io.OpenDialog;
import ij.macro.Interpreter;
import io.github.twostream.util.CancelledException;
import io.github.twostream.util.UserException;

/**
 * The user's current ImageJ 1 image as an input of our commands: its file (a
 * Fiji user opens an EM stack, then clicks "New project..."), or the image
 * itself when it shows the project's volume.
 */
public final class CurrentImages {

	private CurrentImages() {}

	/** The file the current image was opened from, if it has one. */
	public static Optional<File> file() {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) return Optional.empty();
		final FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.directory == null || fi.directory
			.isEmpty()) return Optional.empty();
		final File f = new File(fi.directory, fi.fileName);
		return f.isFile() ? Optional.of(f) : Optional.empty();
	}

	/** The current image if it has this size (width, height, slices). */
	public static Optional<ImagePlus> ofSize(final int width, final int height,
		final int depth)
	{
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null || imp.getWidth() != width || imp.getHeight() != height ||
			imp.getNSlices() != depth) return Optional.empty();
		return Optional.of(imp);
	}

	/**
	 * Whether a command may ask the user (open a file dialog): there is a
	 * display, no batch mode, and no macro is running (a macro must name its
	 * inputs; it is never stopped by a dialog).
	 */
	public static boolean userCanBeAsked() {
		if (GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode())
			return false;
		final Interpreter macro = Interpreter.getInstance();
		return macro == null || macro.done();
	}

	/**
	 * {@code given} if not null; else, interactively, a file chosen in an open
	 * dialog; else a UserException naming the macro key.
	 *
	 * @throws CancelledException if the user cancels
	 */
	public static File orAsk(final File given, final String key,
		final String what)
	{
		if (given != null && !given.getPath().isEmpty()) return given;
		if (!userCanBeAsked()) throw new UserException("No " + what +
			" given and no current image with a file", "give " + key +
				"=[/path/to/file.tif], or open the image (saved as a file) first");
		final OpenDialog od = new OpenDialog("Choose the " + what);
		if (od.getFileName() == null) throw new CancelledException();
		return new File(od.getDirectory(), od.getFileName());
	}
}
