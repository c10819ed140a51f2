package io.github.twostream.viewer;

import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.io.File;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.plugin.frame.RoiManager;
import ij.text.TextWindow;

/**
 * Window helpers shared by the GUI tests (real ImageJ 1 windows under a
 * display, e.g. xvfb-run).
 */
public final class GuiWindows {

	private GuiWindows() {}

	/**
	 * Skips the test without a display; otherwise leaves batch mode and makes
	 * sure an ImageJ instance (main window hidden) exists. NB: as in Fiji, it
	 * owns the Results and ROI Manager windows.
	 */
	public static void needDisplay() {
		Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
			"no display (run under xvfb-run for GUI tests)");
		Interpreter.batchMode = false;
		if (IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
	}

	/** Closes every image (unsaved changes dropped), Results and ROI Manager. */
	public static void closeAll() throws Exception {
		if (GraphicsEnvironment.isHeadless()) return;
		java.awt.EventQueue.invokeAndWait(() -> {
			for (final int id : WindowManager.getIDList() == null ? new int[0]
				: WindowManager.getIDList())
			{
				final ImagePlus imp = WindowManager.getImage(id);
				imp.changes = false;
				imp.close();
			}
			for (final Frame f : Frame.getFrames())
				if (f instanceof TextWindow tw && "Results".equals(f.getTitle())) tw
					.close(false);
			if (RoiManager.getInstance() != null) RoiManager.getInstance().close();
		});
	}

	/** The visible dialog with this title, waiting up to 30 s. */
	public static GenericDialog waitForDialog(final String title)
		throws InterruptedException
	{
		for (int i = 0; i < 300; i++) {
			for (final Window w : Window.getWindows())
				if (w instanceof GenericDialog gd && w.isVisible() && title.equals(gd
					.getTitle())) return gd;
			Thread.sleep(100);
		}
		throw new AssertionError("no dialog '" + title + "'");
	}

	/** The visible Results window, or null. */
	public static Frame resultsWindow() {
		for (final Frame f : Frame.getFrames())
			if (f.isVisible() && "Results".equals(f.getTitle())) return f;
		return null;
	}

	/**
	 * Image top left, heatmap below it, ROI Manager and Results to the right,
	 * for a readable screenshot.
	 */
	public static void layOut(final ImagePlus imp, final ImagePlus heat,
		final RoiManager rm) throws Exception
	{
		java.awt.EventQueue.invokeAndWait(() -> {
			imp.getWindow().setLocation(0, 0);
			heat.getWindow().setLocation(0, imp.getWindow().getHeight() + 5);
			rm.setLocation(imp.getWindow().getWidth() + 10, 0);
			final Window results = resultsWindow();
			if (results != null) results.setLocation(imp.getWindow().getWidth() +
				10, rm.getHeight() + 10);
		});
		IJ.wait(800);
	}

	/** Writes a screenshot of the whole screen. */
	public static void screenshot(final File png) throws Exception {
		final Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit()
			.getScreenSize());
		ImageIO.write(new Robot().createScreenCapture(screen), "png", png);
	}
}
