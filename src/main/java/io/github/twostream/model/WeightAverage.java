package io.github.twostream.model;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Polyak / stochastic weight averaging of a {@link TaskModel}: {@link #add()}
 * snapshots the current weights, {@link #apply()} sets the model's weights to
 * the mean of the snapshots. Averaging the iterates of the last part of a
 * fine-tune removes most of the noise of stopping SGD/Adam at one arbitrary
 * step (Polyak and Juditsky 1992; Izmailov et al. 2018, SWA).
 * <p>
 * NB: used by the one training recipe ({@code loop.TaskStage.fit}, its
 * averaging option); it touches only the trainable variables (the optimiser state is left as is). The assign ops
 * are added to the model's graph on the first {@link #apply()}.
 * </p>
 */
public final class WeightAverage {

	private final TaskModel model;
	private double[][] sum;
	private int count;

	public WeightAverage(final TaskModel model) {
		this.model = model;
	}

	/** Snapshots the model's current weights. */
	public void add() {
		final List<Variable<TFloat32>> vars = model.variables();
		final Session.Runner runner = model.session().runner();
		for (final Variable<TFloat32> v : vars)
			runner.fetch(v);
		try (Result r = runner.run()) {
			if (sum == null) sum = new double[vars.size()][];
			for (int i = 0; i < vars.size(); i++) {
				final TFloat32 t = (TFloat32) r.get(i);
				final float[] a = new float[(int) t.size()];
				t.asRawTensor().data().asFloats().read(a);
				if (sum[i] == null) sum[i] = new double[a.length];
				for (int j = 0; j < a.length; j++)
					sum[i][j] += a[j];
			}
		}
		count++;
	}

	/** Number of snapshots taken. */
	public int count() {
		return count;
	}

	/** Sets the model's weights to the mean of the snapshots (none: no-op). */
	public void apply() {
		if (count == 0) return;
		final List<Variable<TFloat32>> vars = model.variables();
		final Ops tf = Ops.create(model.graph());
		final Session.Runner runner = model.session().runner();
		final List<TFloat32> feeds = new ArrayList<>();
		try {
			for (int i = 0; i < vars.size(); i++) {
				final Variable<TFloat32> v = vars.get(i);
				final Placeholder<TFloat32> p = tf.placeholder(TFloat32.class,
					Placeholder.shape(v.shape()));
				final Op assign = tf.assign(v, p);
				final float[] mean = new float[sum[i].length];
				for (int j = 0; j < mean.length; j++)
					mean[j] = (float) (sum[i][j] / count);
				final TFloat32 t = TFloat32.tensorOf(v.shape(), DataBuffers.of(mean,
					true, false));
				feeds.add(t);
				runner.feed(p, t).addTarget(assign);
			}
			runner.run().close();
		}
		finally {
			for (final TFloat32 t : feeds)
				t.close();
		}
	}
}
