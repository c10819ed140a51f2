package io.github.twostream.loop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.twostream.model.Calibration;
import io.github.twostream.model.PixelPredictor;
import io.github.twostream.model.SectionAveraging;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;

/**
 * The labelled patches a fit held out from training, in their context
 * windows, and the foreground-threshold {@link Calibration} of any way of
 * predicting them: the model alone, with test-time flips, and each window
 * averaged over its neighbouring sections as {@link SectionAveraging} averages
 * a slice. NB: averaged probabilities are less extreme than one pass, so their
 * best threshold may differ; on the Lucchi++ validation split at 200 patches
 * it did not (docs/notes/streama.md section 14), so the fit keeps one
 * threshold, calibrated in one pass; {@code bench-model --own-threshold}
 * measures the others.
 * <p>
 * It may also hold a sample of unlabelled patches of the volume, predicted
 * the same way, from which the {@link Calibration} estimates the volume's
 * foreground share (the held-out patches were picked by a strategy, often for
 * their foreground).
 * </p>
 */
public final class HeldOut {

	private final Volume volume;
	private final PatchGrid grid;
	private final Map<Integer, byte[]> masks;
	private final List<Integer> unlabelled;
	private final int margin, inputSections;

	/**
	 * @param masks held-out pool id -> patch mask ({@link
	 *          io.github.twostream.model.TrainingSet} values)
	 * @param margin context margin of the windows, in pixels
	 * @param inputSections neighbouring sections on each side the model takes
	 *          as input channels (0 = 2-D)
	 */
	public HeldOut(final Volume volume, final PatchGrid grid,
		final Map<Integer, byte[]> masks, final int margin,
		final int inputSections)
	{
		this(volume, grid, masks, List.of(), margin, inputSections);
	}

	/**
	 * As above, with {@code unlabelled} pool ids: a sample of the volume for
	 * its foreground share ({@link Calibration#addUnlabelled}).
	 */
	public HeldOut(final Volume volume, final PatchGrid grid,
		final Map<Integer, byte[]> masks, final List<Integer> unlabelled,
		final int margin, final int inputSections)
	{
		this.volume = volume;
		this.grid = grid;
		// NB: in the caller's order (Map.copyOf would not keep one)
		this.masks = new LinkedHashMap<>(masks);
		this.unlabelled = List.copyOf(unlabelled);
		this.margin = margin;
		this.inputSections = inputSections;
	}

	/** Number of held-out patches. */
	public int size() {
		return masks.size();
	}

	/** The unlabelled sample's pool ids. */
	public List<Integer> unlabelled() {
		return unlabelled;
	}

	/** The held-out pool ids, in the fit's order. */
	public Set<Integer> ids() {
		return Collections.unmodifiableSet(masks.keySet());
	}

	/**
	 * The held-out pixels' histograms under {@code predictor}, each window the
	 * weighted mean of its predictions at the {@code radius} sections on each
	 * side (weights {@link SectionAveraging#weight}; 0 = the section alone).
	 */
	public Calibration calibrate(final PixelPredictor predictor,
		final int radius)
	{
		final int w = grid.patchSize() + 2 * margin, px = w * w, n = masks.size() +
			unlabelled.size();
		// NB: the held-out patches first, then the unlabelled sample
		final List<Patch> patches = new ArrayList<>(n);
		for (final int id : masks.keySet())
			patches.add(grid.get(id));
		for (final int id : unlabelled)
			patches.add(grid.get(id));
		final float[] mean = new float[n * px], total = new float[n];
		final float[] images = new float[n * (2 * inputSections + 1) * px],
			prob = new float[n * px];
		// NB: one batch per section offset, so the model runs 2 radius + 1
		// times whatever the number of patches
		for (int dz = -radius; dz <= radius; dz++) {
			final List<Integer> at = new ArrayList<>(n);
			for (int k = 0; k < n; k++) {
				final int z = patches.get(k).z() + dz;
				if (z < 0 || z >= volume.depth()) continue;
				final float[] image = ContextWindows.image(volume, patches.get(k)
					.atSection(z), margin, inputSections);
				System.arraycopy(image, 0, images, at.size() * image.length,
					image.length);
				at.add(k);
			}
			if (at.isEmpty()) continue;
			predictor.predict(images, at.size(), w, w, prob);
			final float wt = SectionAveraging.weight(radius, dz);
			for (int j = 0; j < at.size(); j++) {
				final int k = at.get(j);
				for (int i = 0; i < px; i++)
					mean[k * px + i] += wt * prob[j * px + i];
				total[k] += wt;
			}
		}
		for (int k = 0; k < n; k++)
			for (int i = 0; i < px; i++)
				mean[k * px + i] /= total[k];
		final Calibration cal = new Calibration();
		int k = 0;
		for (final byte[] mask : masks.values()) {
			final Patch p = patches.get(k);
			cal.add(mean, k * px, ContextWindows.mask(mask, p.h(), p.w(), margin));
			k++;
		}
		for (; k < n; k++) {
			final Patch p = patches.get(k);
			// NB: the patch itself counts, not its context
			cal.addUnlabelled(mean, k * px, ContextWindows.mask(new byte[p.h() * p
				.w()], p.h(), p.w(), margin));
		}
		return cal;
	}
}
