package io.github.twostream.bench;

import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import io.github.twostream.annotation.AnnotatedSuggestion;
import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.AnnotationSettings;
import io.github.twostream.annotation.HeatmapLayer;
import io.github.twostream.annotation.Tool;
import io.github.twostream.loop.Evaluation;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.TaskModel;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.viewer.AnnotationWindows;
import io.github.twostream.viewer.IJ1AnnotationView;
import io.github.twostream.viewer.VolumeImages;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * The "Done means" loop in a real annotation window, with the ground
 * truth as the expert: new project -> open the view (it runs the cold-start
 * round by itself) -> paint the 16 suggestions with their true masks through
 * the session's brush (radius 0, one stroke per foreground run) and accept
 * each -> retrain -> suggest next -> paint and accept one patch of the new
 * round. Prints the wall time of every step, the device, the retrained
 * model's IoU on a few test slices, and writes a window screenshot before and
 * after the retrain. Reads the data where it lies (never copies it into a
 * project folder of the repository); not a test.
 */
public final class AnnotationWalkthrough {

	private final PrintStream out;
	private final int slices;
	private final int trainSteps;
	private final int evalSlices;

	/**
	 * @param slices use the first {@code slices} training slices (a substack
	 *          written into the work folder; 0: the whole volume)
	 * @param trainSteps steps of the retrain (0: the preset's budget, as the view)
	 * @param evalSlices test slices to score the retrained model on (0: none)
	 */
	public AnnotationWalkthrough(final PrintStream out, final int slices,
		final int trainSteps, final int evalSlices)
	{
		this.out = out;
		this.slices = slices;
		this.trainSteps = trainSteps;
		this.evalSlices = evalSlices;
	}

	/**
	 * Runs the loop on {@code data} (a folder with train-images.tif,
	 * train-labels.tif, test-images.tif, test-labels.tif) in {@code work} (a new
	 * or empty folder); screenshots go to {@code shots}.
	 */
	public void run(final Path data, final Path work, final Path shots)
		throws Exception
	{
		AnnotationWindows.requireDisplay();
		Files.createDirectories(work);
		Files.createDirectories(shots);
		out.println("Load average at start: " + AnnotationBenchmark.loadAverage());
		final String image = image(data.resolve("train-images.tif"), work);
		try (LabelImage truth = LabelImages.open(data.resolve("train-labels.tif")
			.toString()))
		{
			long t = System.nanoTime();
			final ProjectSession s = ProjectSession.create(work.resolve("project"),
				image, 64, 64);
			step("new project (" + s.grid().size() + " patches of 64)", t);
			out.println("Device: " + s.device());
			final AnnotationSession a = new AnnotationSession(s, AnnotationSettings
				.defaults(s).withTrainSteps(trainSteps), System::nanoTime);
			final AtomicReference<String> failure = new AtomicReference<>();
			a.addListener(new AnnotationSession.Listener() {

				@Override
				public void failed(final String message) {
					failure.compareAndSet(null, message);
				}
			});
			final AtomicBoolean closed = new AtomicBoolean();
			final ImagePlus em = VolumeImages.owning(Volumes.open(image), "walkthrough");
			t = System.nanoTime();
			final IJ1AnnotationView view = IJ1AnnotationView.open(a, em, () -> {
				s.close();
				closed.set(true);
			});
			EventQueue.invokeAndWait(() -> view.window().setLocation(0, 0));
			// NB: the view starts the cold-start round by itself
			while (a.needsRound() && failure.get() == null)
				Thread.sleep(200);
			check(failure);
			step("cold-start round in the view (" + a.status().note() + ")", t);
			t = System.nanoTime();
			int painted = 0;
			final java.util.Set<Integer> accepted = new java.util.TreeSet<>();
			for (int i = 0; i < 16 && a.current().isPresent() && !a.needsRound(); i++) {
				final AnnotatedSuggestion next = a.current().get();
				if (!accepted.add(next.patch().id())) throw new IllegalStateException(
					"patch " + next.patch().id() + " twice");
				painted += paintAndAccept(view, truth, next);
			}
			a.flush();
			step("16 patches painted from the truth and accepted (" + painted +
				" strokes, " + a.status().accepted() + " accepted, " + a.status()
					.labelled() + " labelled)", t);
			IJ.wait(1500);
			shot(view, shots.resolve("walkthrough-before-retrain.png"));
			t = System.nanoTime();
			a.retrain().join();
			step("retrain (" + (trainSteps == 0 ? "preset budget" : trainSteps +
				" steps") + ", model v" + a.status().modelVersion() + " on " + a
					.status().device() + ")", t);
			t = System.nanoTime();
			a.suggestNext().join();
			check(failure);
			step("suggest next (round " + a.status().round() + ", " + a.status()
				.pending() + " pending)", t);
			t = System.nanoTime();
			painted = paintAndAccept(view, truth, a.current().orElseThrow());
			a.flush();
			step("paint + accept the first patch of the new round (" + painted +
				" strokes)", t);
			EventQueue.invokeAndWait(() -> {
				view.setLayer(HeatmapLayer.COMBINED);
				view.setPredictionVisible(true);
				a.current().ifPresent(view::jumpTo);
			});
			// NB: wait for the slice's prediction (seconds on a CPU) before the shot
			a.current().ifPresent(c -> a.prediction(c.patch().z()).join());
			IJ.wait(2000);
			shot(view, shots.resolve("walkthrough-after-retrain.png"));
			check(failure);
			if (evalSlices > 0) evaluate(s, data);
			EventQueue.invokeAndWait(view::close);
			while (!closed.get())
				Thread.sleep(50);
		}
		out.println("Load average at end: " + AnnotationBenchmark.loadAverage());
		out.println("Work folder: " + work + "; screenshots in " + shots);
	}

	/** The training volume, or its first slices as a substack in the work folder. */
	private String image(final Path tif, final Path work) {
		if (slices <= 0) return tif.toString();
		final ImagePlus all = IJ.openImage(tif.toString());
		if (all == null) throw new UserException("Cannot read " + tif,
			"give the Lucchi++ folder with --data");
		final ImageStack sub = new ImageStack(all.getWidth(), all.getHeight());
		for (int z = 1; z <= Math.min(slices, all.getStackSize()); z++)
			sub.addSlice(all.getStack().getProcessor(z));
		final Path out = work.resolve("train-substack.tif");
		new FileSaver(new ImagePlus("substack", sub)).saveAsTiffStack(out
			.toString());
		this.out.println("Substack: first " + sub.getSize() + " of " + all
			.getStackSize() + " training slices -> " + out);
		return out.toString();
	}

	/**
	 * Paints the patch's true foreground with the brush (radius 0, one stroke
	 * per run of a row) on the UI thread, as the mouse would, and accepts it
	 * (unpainted = background).
	 */
	private static int paintAndAccept(final IJ1AnnotationView view,
		final LabelImage truth, final AnnotatedSuggestion s) throws Exception
	{
		final AnnotationSession a = view.session();
		final Patch p = s.patch();
		final byte[] gt = truth.readSlice(p.z(), null);
		final List<int[]> runs = new ArrayList<>();
		for (int y = p.y(); y < p.y() + p.h(); y++) {
			int x = p.x();
			while (x < p.x() + p.w()) {
				if (gt[y * truth.width() + x] == 0) {
					x++;
					continue;
				}
				final int x0 = x;
				while (x < p.x() + p.w() && gt[y * truth.width() + x] != 0)
					x++;
				runs.add(new int[] { x0, x - 1, y });
			}
		}
		EventQueue.invokeAndWait(() -> {
			view.jumpTo(s);
			a.setTool(Tool.BRUSH);
			a.setBrushRadius(0);
			for (final int[] r : runs) {
				a.beginStroke(p.z(), r[0], r[2]);
				a.strokeTo(r[1], r[2]);
				a.endStroke();
			}
		});
		a.accept().join();
		// NB: the move to the next pending suggestion follows the save
		a.flush();
		return runs.size();
	}

	private void evaluate(final ProjectSession s, final Path data) {
		final long t = System.nanoTime();
		try (TaskModel m = TaskStage.latest(s.project()).orElseThrow();
				Volume test = Volumes.open(data.resolve("test-images.tif").toString());
				LabelImage gt = LabelImages.open(data.resolve("test-labels.tif")
					.toString(), test))
		{
			final Evaluation.Scores sc = Evaluation.evaluate(m, test, gt, 255,
				evalSlices, Progress.NONE);
			step(String.format(Locale.ROOT,
				"IoU of the retrained model on %d evenly spaced test slices: %.3f " +
					"(threshold %.2f, Dice %.3f)", evalSlices, sc.iou(), m.threshold(), sc
						.dice()), t);
		}
	}

	private void shot(final IJ1AnnotationView view, final Path png)
		throws Exception
	{
		final Rectangle[] r = new Rectangle[1];
		EventQueue.invokeAndWait(() -> r[0] = new Rectangle(view.window()
			.getLocationOnScreen(), view.window().getSize()));
		ImageIO.write(new Robot().createScreenCapture(r[0]), "png", png.toFile());
		out.println("Screenshot: " + png);
	}

	private void step(final String what, final long t0) {
		out.printf(Locale.ROOT, "%8.1f s  %s%n", (System.nanoTime() - t0) / 1e9,
			what);
	}

	private static void check(final AtomicReference<String> failure) {
		if (failure.get() != null) throw new UserException(
			"The walk-through failed: " + failure.get(), "see the message above");
	}
}
