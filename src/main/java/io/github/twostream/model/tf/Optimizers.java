package io.github.twostream.model.tf;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Training ops shared by the task model and the structure encoder. */
public final class Optimizers {

	private Optimizers() {}

	/**
	 * One Adam step (TF's ApplyAdam kernel, Kingma and Ba's defaults beta1 =
	 * 0.9, beta2 = 0.999, epsilon = 1e-7) that is race-free and so
	 * reproducible.
	 * <p>
	 * NB: tensorflow-framework 1.1's {@code Adam} updates its beta-power
	 * variables in the same op group as the ApplyAdam ops that read them, with
	 * no ordering, and lets a layer's weights be updated in place while
	 * backpropagation into earlier layers still reads them. Both races made
	 * two identically seeded trainings diverge (even with one TF thread). Here
	 * every update waits for all gradients, and the beta powers advance only
	 * after every update.
	 * </p>
	 */
	public static Op adam(final Ops tf, final float learningRate,
		final Operand<TFloat32> loss, final List<Variable<TFloat32>> vars)
	{
		return adam(tf, tf.constant(learningRate), loss, vars);
	}

	/** As {@link #adam(Ops, float, Operand, List)} with a learning-rate tensor (e.g. a fed schedule). */
	public static Op adam(final Ops tf, final Operand<TFloat32> lr,
		final Operand<TFloat32> loss, final List<Variable<TFloat32>> vars)
	{
		final Gradients grads = tf.gradients(loss, vars);
		final List<Op> gradIds = new ArrayList<>();
		for (int i = 0; i < vars.size(); i++)
			gradIds.add(tf.identity(grads.<TFloat32> dy(i)));
		final Ops afterGrads = tf.withControlDependencies(gradIds);
		final Variable<TFloat32> b1Power = tf.withName("adam_beta1_power").variable(
			tf.constant(0.9f));
		final Variable<TFloat32> b2Power = tf.withName("adam_beta2_power").variable(
			tf.constant(0.999f));
		final Operand<TFloat32> b1 = tf.constant(0.9f), b2 = tf.constant(0.999f), eps = tf.constant(1e-7f);
		final List<Op> updates = new ArrayList<>();
		for (int i = 0; i < vars.size(); i++) {
			final Variable<TFloat32> v = vars.get(i);
			final String name = v.op().name();
			final Variable<TFloat32> m = tf.withName("adam_m_" + name).variable(
				tf.zeros(tf.constant(v.shape().asArray()), TFloat32.class));
			final Variable<TFloat32> s = tf.withName("adam_v_" + name).variable(
				tf.zeros(tf.constant(v.shape().asArray()), TFloat32.class));
			updates.add(afterGrads.train.applyAdam(v, m, s, b1Power, b2Power, lr, b1,
				b2, eps, afterGrads.identity(grads.<TFloat32> dy(i))));
		}
		final Ops afterUpdates = tf.withControlDependencies(updates);
		final Op p1 = afterUpdates.assign(b1Power, afterUpdates.math.mul(b1Power,
			b1));
		final Op p2 = afterUpdates.assign(b2Power, afterUpdates.math.mul(b2Power,
			b2));
		return tf.withControlDependencies(List.of(p1, p2)).withName("train")
			.noOp();
	}

}
