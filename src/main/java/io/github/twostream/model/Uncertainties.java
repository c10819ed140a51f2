package io.github.twostream.model;

/** Binary uncertainty measures on foreground probabilities. */
public final class Uncertainties {

	private static final double EPS = 1e-7;
	private static final double LN2 = Math.log(2);

	private Uncertainties() {}

	/** Binary entropy of {@code p} in bits (0 at p = 0 or 1, 1 at p = 0.5). */
	public static double entropy(final double p) {
		final double q = Math.min(1 - EPS, Math.max(EPS, p));
		return -(q * Math.log(q) + (1 - q) * Math.log(1 - q)) / LN2;
	}

	/** Margin uncertainty {@code 1 - |p - (1 - p)|} (1 at p = 0.5). */
	public static double margin(final double p) {
		return 1 - Math.abs(2 * p - 1);
	}
}
