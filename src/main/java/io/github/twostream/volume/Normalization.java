package io.github.twostream.volume;

/**
 * Robust intensity normalisation: {@code (v - low) / (high - low)}, where
 * {@code low} and {@code high} are percentiles (default 1 % and 99.8 %) of the
 * volume's intensities, so outliers (dust, saturated pixels) do not squash the
 * contrast.
 */
public record Normalization(double low, double high) {

	public float apply(final double v) {
		final double range = high - low;
		return (float) (range > 0 ? (v - low) / range : v - low);
	}
}
