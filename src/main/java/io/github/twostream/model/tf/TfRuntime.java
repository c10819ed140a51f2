package io.github.twostream.model.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

import io.github.twostream.util.UserException;

/**
 * Owns the TensorFlow runtime of this process: native loading, thread counts
 * and session creation.
 * <p>
 * NB: TensorFlow's intra-op thread pool is fixed by the first Session created
 * in the process (tensorflow-framework initialisers open one silently), so
 * every Session of this project is created here, with the same config, and
 * the thread count is decided once: from {@code TF_NUM_INTRAOP_THREADS} if
 * set, else the number of available processors.
 * </p>
 */
public final class TfRuntime {

	private static volatile TfRuntime instance;

	private final String version;
	private final int intraOpThreads;
	private final int interOpThreads;
	private final ConfigProto config;
	private volatile String device;

	private TfRuntime() {
		try {
			version = TensorFlow.version();
		}
		catch (final UnsatisfiedLinkError | NoClassDefFoundError e) {
			throw new UserException("TensorFlow's native library could not be loaded (" +
				e.getMessage() + ")",
				"TF Java 1.1 needs Linux/macOS/Windows x86_64 with glibc >= 2.34", e);
		}
		intraOpThreads = envInt("TF_NUM_INTRAOP_THREADS", Runtime.getRuntime()
			.availableProcessors());
		interOpThreads = envInt("TF_NUM_INTEROP_THREADS", 1);
		config = ConfigProto.newBuilder() //
			.setIntraOpParallelismThreads(intraOpThreads) //
			.setInterOpParallelismThreads(interOpThreads) //
			.setAllowSoftPlacement(true) //
			.build();
	}

	/** The process-wide runtime; loads the natives on first use. */
	public static TfRuntime get() {
		TfRuntime r = instance;
		if (r == null) {
			synchronized (TfRuntime.class) {
				r = instance;
				if (r == null) instance = r = new TfRuntime();
			}
		}
		return r;
	}

	private static int envInt(final String name, final int fallback) {
		final String v = System.getenv(name);
		if (v == null || v.isBlank()) return fallback;
		try {
			return Math.max(1, Integer.parseInt(v.trim()));
		}
		catch (final NumberFormatException e) {
			return fallback;
		}
	}

	/** TensorFlow's version string, e.g. "2.18.0". */
	public String version() {
		return version;
	}

	public int intraOpThreads() {
		return intraOpThreads;
	}

	public int interOpThreads() {
		return interOpThreads;
	}

	/** The session config every Session of this project uses. */
	public ConfigProto config() {
		return config;
	}

	/** A new Session on {@code graph} with this runtime's config. */
	public Session newSession(final Graph graph) {
		return new Session(graph, config);
	}

	/**
	 * A new Session with this runtime's threads but without soft placement, so
	 * an op pinned to a missing device fails instead of falling back (used by
	 * {@link TfDevices} to probe devices).
	 */
	public Session newStrictSession(final Graph graph) {
		return new Session(graph, config.toBuilder().setAllowSoftPlacement(false)
			.build());
	}

	/**
	 * The device TensorFlow computes on in this process, e.g. "CPU" or
	 * "GPU:0"; probed once (see {@link TfDevices#probe()}).
	 */
	public String device() {
		String d = device;
		if (d == null) {
			synchronized (this) {
				d = device;
				if (d == null) device = d = TfDevices.probe();
			}
		}
		return d;
	}
}
