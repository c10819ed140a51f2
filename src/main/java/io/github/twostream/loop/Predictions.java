package io.github.twostream.loop;

import java.nio.file.Path;
import java.util.Locale;

import ij.process.ByteProcessor;
import io.github.twostream.model.FlipAveraged;
import io.github.twostream.model.PixelPredictor;
import io.github.twostream.model.SectionAveraging;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.store.Project;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Tiffs;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.VoxelSize;

/**
 * Whole-volume prediction into a TIFF, streamed slice by slice: the
 * foreground probability (32-bit) and/or the segmentation at the model's
 * calibrated threshold (8-bit, 255 = foreground), by any
 * {@link PixelPredictor}, each slice optionally averaged with its neighbouring
 * sections ({@link SectionAveraging}). {@link #predictor} adds test-time flips
 * ({@link FlipAveraged}). {@code predict} and Fiji's Predict use flips by
 * default, and section averaging by default on near-isotropic stacks
 * ({@link #defaultSections}), each chosen on the Lucchi++ validation split
 * (200 patches, 2 seeds; docs/notes/streama.md sections 8, 11 and 15):
 * flips +0.028 / +0.015 foreground IoU for 4x the prediction time, then
 * averaging over 6 sections on each side +0.043 / +0.025 on top of them for
 * no extra forward pass (slices are predicted in order, each once).
 */
public final class Predictions {

	/**
	 * Largest section thickness, in pixel sides, at which sections are
	 * averaged by default. NB: averaging over one section on each side gained
	 * +0.020 / +0.022 on Lucchi++ (5 x 5 x 5 nm) and lost 0.30 foreground IoU
	 * on ISBI 2012's membranes (4 x 4 x 50 nm; docs/notes/streama.md section
	 * 11): where a section is much thicker than a pixel, its neighbours show
	 * other structures.
	 */
	public static final double MAX_ANISOTROPY = 2;

	/** How many sections on each side are averaged, and why. */
	public record Sections(int radius, String why) {

		/** One sentence for the user: what is averaged, and why. */
		public String describe() {
			return radius == 0 ? "Each slice predicted alone (" + why + ")"
				: "Each slice averaged with " + radius + " section(s) on each side (" +
					why + ")";
		}
	}

	/**
	 * Sections averaged on each side by default where a section is as thick as
	 * a pixel side. NB: chosen on the Lucchi++ validation split (200 patches,
	 * seeds 1 and 2, flips on; docs/notes/streama.md section 15) among 1, 2,
	 * 3, 4, 6 and 8: 6 had the best mean (0.838 / 0.824 foreground IoU against
	 * 0.811 / 0.810 for 1); 4 to 8 are within 0.01 of each other.
	 */
	public static final int ISOTROPIC_RADIUS = 6;

	/**
	 * Share of the Java heap the averaged window's slices may take (2 r + 1
	 * slices of floats); the default radius shrinks to fit it.
	 */
	static final double HEAP_SHARE = 0.25;

	/**
	 * The default for {@code volume}: {@link #ISOTROPIC_RADIUS} sections on
	 * each side, divided by the section thickness in pixel sides (at least 1),
	 * if its calibration says the voxels are near-isotropic (sections at most
	 * {@link #MAX_ANISOTROPY} pixel sides thick), else none; none if the file
	 * records no voxel size. Smaller if the kept slices would not fit a
	 * quarter of the Java heap.
	 */
	public static Sections defaultSections(final Volume volume) {
		return defaultSections(volume.voxelSize().orElse(null), (long) volume
			.width() * volume.height(), Runtime.getRuntime().maxMemory());
	}

	/**
	 * The default for a slice of {@code pixels} pixels at voxel size
	 * {@code v} (null = not recorded), with {@code heap} bytes of Java heap.
	 */
	static Sections defaultSections(final VoxelSize v, final long pixels,
		final long heap)
	{
		if (v == null) return new Sections(0, "the image records no voxel size");
		if (v.anisotropy() > MAX_ANISOTROPY) return new Sections(0, "sections " +
			String.format(Locale.ROOT, "%.1f", v.anisotropy()) +
			"x thicker than a pixel, " + v);
		// NB: the same depth in pixel sides on each side; for sections thicker
		// than a pixel (anisotropy 1..2) an extrapolation of Lucchi++'s choice
		final int wanted = Math.max(1, (int) Math.round(ISOTROPIC_RADIUS / v
			.anisotropy()));
		final long fits = (long) (HEAP_SHARE * heap / (4.0 * pixels));
		final int radius = (int) Math.max(0, Math.min(wanted, (fits - 1) / 2));
		final String why = "near-isotropic voxels, " + v;
		return radius == wanted ? new Sections(radius, why) : new Sections(
			radius, why + "; " + wanted + " on each side would not fit a quarter " +
				"of the " + heap / (1 << 20) + " MB Java heap");
	}

	private Predictions() {}

	/** The project's latest task model; a clear error if there is none. */
	public static TaskModel latestModel(final Project project) {
		return TaskStage.latest(project).orElseThrow(() -> new UserException(
			"The project has no trained task model yet",
			"label some patches and train it: twostream train " + project.dir()));
	}

	/**
	 * What predicts: the model itself, or with {@code flips} the mean of its
	 * four flipped predictions.
	 */
	public static PixelPredictor predictor(final TaskModel model,
		final boolean flips)
	{
		return flips ? new FlipAveraged(model) : model;
	}

	/**
	 * Writes the foreground probability of every voxel of {@code volume}, each
	 * slice averaged over {@code sections} neighbours on each side (0 = none).
	 */
	public static void write(final PixelPredictor model, final Volume volume,
		final Path out, final int sections, final Progress progress)
	{
		final SectionAveraging predicted = averaging(model, volume, sections);
		progress.status("Predicting " + volume.depth() + " slices");
		Tiffs.writeFloat(out, volume.width(), volume.height(), volume.depth(),
			z -> predict(predicted, volume, z, progress));
	}

	/**
	 * Writes the probabilities to {@code out} and/or the segmentation
	 * {@code p >= threshold} (0 / 255) to {@code mask} (either may be null, not
	 * both). NB: one prediction pass for both (with flips a pass is 4 forward
	 * passes per tile): the mask is then thresholded from the probabilities
	 * just written, which costs a read instead of a second prediction.
	 */
	public static void write(final PixelPredictor model, final Volume volume,
		final Path out, final float threshold, final Path mask,
		final int sections, final Progress progress)
	{
		if (out == null && mask == null) throw new IllegalArgumentException(
			"no output");
		final int w = volume.width(), h = volume.height(), d = volume.depth();
		if (out != null) write(model, volume, out, sections, progress);
		if (mask == null) return;
		if (out != null) {
			progress.status("Thresholding at " + threshold);
			Tiffs.writeDerived(out, mask, prob -> mask(prob, threshold, w, h));
			return;
		}
		final SectionAveraging predicted = averaging(model, volume, sections);
		progress.status("Segmenting " + d + " slices at threshold " + threshold);
		Tiffs.write(mask, w, h, d, z -> mask(predict(predicted, volume, z,
			progress), threshold, w, h));
	}

	private static ByteProcessor mask(final float[] prob, final float threshold,
		final int w, final int h)
	{
		final byte[] mask = new byte[prob.length];
		for (int i = 0; i < prob.length; i++)
			mask[i] = (byte) (prob[i] >= threshold ? 255 : 0);
		return new ByteProcessor(w, h, mask);
	}

	private static SectionAveraging averaging(final PixelPredictor model,
		final Volume volume, final int sections)
	{
		return new SectionAveraging(TiledPredictor.of(model), z -> volume
			.readSlice(z, null), volume.width(), volume.height(), volume.depth(),
			sections);
	}

	private static float[] predict(final SectionAveraging predicted,
		final Volume volume, final int z, final Progress progress)
	{
		progress.checkCancelled();
		final float[] prob = predicted.slice(z);
		progress.progress(z + 1, volume.depth());
		return prob;
	}
}
