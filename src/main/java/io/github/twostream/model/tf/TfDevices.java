package io.github.twostream.model.tf;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Finds out which device TensorFlow actually computes on. Use
 * {@link TfRuntime#device()}, which probes once per process.
 */
public final class TfDevices {

	private static final System.Logger LOG = System.getLogger(TfDevices.class
		.getName());

	/** A resource only the CUDA build of tensorflow-core-native contains. */
	static final String GPU_NATIVES =
		"org/tensorflow/internal/c_api/linux-x86_64-gpu/LICENSE";

	private TfDevices() {}

	/** True if the GPU (CUDA) build of the TF natives is on the class path. */
	public static boolean gpuNativesPresent() {
		return TfDevices.class.getClassLoader().getResource(GPU_NATIVES) != null;
	}

	/**
	 * Runs a tiny graph with an op pinned to {@code /device:GPU:0} in a session
	 * without soft placement: "GPU:0" if it runs, "CPU" if TF refuses to place
	 * it. Logs one line when GPU natives are present but no GPU is usable.
	 */
	static String probe() {
		final boolean gpuBuild = gpuNativesPresent();
		final String device = gpuUsable() ? "GPU:0" : "CPU";
		if (gpuBuild && device.equals("CPU")) LOG.log(System.Logger.Level.WARNING,
			"GPU natives present but no CUDA device: running on CPU");
		else LOG.log(System.Logger.Level.INFO, "TensorFlow " + TfRuntime.get()
			.version() + " computes on " + device);
		return device;
	}

	private static boolean gpuUsable() {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
				.deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
			final var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
			try (Session s = TfRuntime.get().newStrictSession(g);
					Result r = s.runner().fetch(sum).run())
			{
				return ((TFloat32) r.get(0)).getFloat() == 3f;
			}
		}
		catch (final RuntimeException e) {
			// NB: TF reports the placement failure as TFInvalidArgumentException
			// (an IllegalArgumentException) or another TF status exception.
			return false;
		}
	}
}
