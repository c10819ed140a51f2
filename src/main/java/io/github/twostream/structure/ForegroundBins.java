package io.github.twostream.structure;

import java.util.Arrays;

import io.github.twostream.util.UserException;

/**
 * Bins of a patch's foreground fraction, given by ascending upper edges:
 * bin {@code b} holds fractions below {@code edges[b]}, the last bin the
 * rest. The default is none (< 1 %), some (1-20 %), much (>= 20 %).
 */
public record ForegroundBins(double[] edges) {

	public ForegroundBins {
		edges = edges.clone();
		for (int i = 0; i < edges.length; i++)
			if (!(edges[i] > 0 && edges[i] < 1) || i > 0 && edges[i] <= edges[i -
				1]) throw new UserException("Foreground bin edges " + Arrays.toString(
					edges) + " are invalid", "give ascending fractions between 0 and 1");
	}

	public static ForegroundBins defaults() {
		return new ForegroundBins(new double[] { 0.01, 0.20 });
	}

	public int count() {
		return edges.length + 1;
	}

	public int bin(final double fraction) {
		int b = 0;
		while (b < edges.length && fraction >= edges[b])
			b++;
		return b;
	}
}
