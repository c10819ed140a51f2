package io.github.twostream.simulation;

/**
 * One strategy's learning curve averaged over seeds: at every distinct
 * labelled-patch count {@code x[i]}, the mean and standard deviation of the
 * IoU over the {@code count[i]} seeds that have a point there.
 */
public record MeanCurve(String strategy, double[] x, double[] mean,
	double[] sd, int[] count)
{

	public int size() {
		return x.length;
	}
}
