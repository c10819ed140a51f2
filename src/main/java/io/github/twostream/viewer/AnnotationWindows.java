package io.github.twostream.viewer;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Path;

import ij.ImagePlus;
import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.AnnotationSettings;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Volumes;

/**
 * Opens the annotation view on a project folder: what {@code twostream view}
 * and Fiji's "Annotate..." both do (they stay thin adapters).
 */
public final class AnnotationWindows {

	private AnnotationWindows() {}

	/**
	 * Opens the project, its annotation session and the window (returns at
	 * once; the window owns them and closes them when it is closed).
	 *
	 * @param preset the task model's preset ({@code fast}, {@code accurate})
	 * @param trainSteps steps per retraining (0: the preset's budget)
	 * @param onClosed run after the window closed and every save is stored
	 *          (may be null)
	 */
	public static IJ1AnnotationView open(final Path project, final String preset,
		final int trainSteps, final Runnable onClosed)
	{
		requireDisplay();
		final ProjectSession s = ProjectSession.open(project);
		try {
			final AnnotationSession a = new AnnotationSession(s, AnnotationSettings
				.defaults(s).withPreset(preset).withTrainSteps(trainSteps), System::nanoTime);
			// NB: the window reads slices on the UI thread; training reads patches
			// of the session's volume on a worker: each gets its own.
			final String spec = s.project().image().spec();
			final ImagePlus em = VolumeImages.owning(Volumes.open(spec), new File(spec
				.split("#")[0]).getName());
			return IJ1AnnotationView.open(a, em, () -> {
				s.close();
				if (onClosed != null) onClosed.run();
			});
		}
		catch (final RuntimeException e) {
			s.close();
			throw e;
		}
	}

	/** A clear one-line error when there is no screen to show a window on. */
	public static void requireDisplay() {
		boolean headless = GraphicsEnvironment.isHeadless();
		if (!headless) {
			try {
				headless = GraphicsEnvironment.getLocalGraphicsEnvironment()
					.getScreenDevices().length == 0;
			}
			catch (final AWTError | RuntimeException e) {
				headless = true;
			}
		}
		if (headless) throw new UserException(
			"There is no display to open the annotation view on",
			"run it on a desktop (or under xvfb-run); without a display use suggest, label and train");
	}
}
