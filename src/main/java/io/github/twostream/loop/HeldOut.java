package io.github.twostream.loop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * best threshold differs (docs/notes/streama.md section 13); a threshold is
 * only right for the prediction it was calibrated on.
 */
public final class HeldOut {

	private final Volume volume;
	private final PatchGrid grid;
	private final Map<Integer, byte[]> masks;
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
		this.volume = volume;
		this.grid = grid;
		// NB: in the caller's order (Map.copyOf would not keep one)
		this.masks = new LinkedHashMap<>(masks);
		this.margin = margin;
		this.inputSections = inputSections;
	}

	/** Number of held-out patches. */
	public int size() {
		return masks.size();
	}

	/**
	 * The held-out pixels' histograms under {@code predictor}, each window the
	 * weighted mean of its predictions at the {@code radius} sections on each
	 * side (weights {@link SectionAveraging#weight}; 0 = the section alone).
	 */
	public Calibration calibrate(final PixelPredictor predictor,
		final int radius)
	{
		final Calibration cal = new Calibration();
		final int w = grid.patchSize() + 2 * margin;
		final float[] prob = new float[w * w], mean = new float[w * w];
		for (final Map.Entry<Integer, byte[]> e : masks.entrySet()) {
			final Patch p = grid.get(e.getKey());
			Arrays.fill(mean, 0);
			float total = 0;
			for (int s = Math.max(0, p.z() - radius); s <= Math.min(volume.depth() -
				1, p.z() + radius); s++)
			{
				final float wt = SectionAveraging.weight(radius, s - p.z());
				predictor.predict(ContextWindows.image(volume, p.atSection(s), margin,
					inputSections), 1, w, w, prob);
				for (int i = 0; i < mean.length; i++)
					mean[i] += wt * prob[i];
				total += wt;
			}
			for (int i = 0; i < mean.length; i++)
				mean[i] /= total;
			cal.add(mean, 0, ContextWindows.mask(e.getValue(), p.h(), p.w(),
				margin));
		}
		return cal;
	}
}
