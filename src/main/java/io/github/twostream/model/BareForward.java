package io.github.twostream.model;

import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * One forward pass of a {@link TaskModel} straight on its session, without
 * the array copies of {@link TaskModel#predict}: what
 * {@code bench.ModelBench} measures the glue against.
 */
public final class BareForward {

	private BareForward() {}

	/** Runs the probability output on {@code input} (NHWC) and drops it. */
	public static void run(final TaskModel model, final TFloat32 input) {
		try (Result r = model.session().runner().feed(model.net().input, input)
			.fetch(model.net().probability).run())
		{
			r.get(0);
		}
	}
}
