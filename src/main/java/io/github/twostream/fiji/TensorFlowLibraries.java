package io.github.twostream.fiji;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Properties;
import java.util.Optional;

import io.github.twostream.util.UserException;

/**
 * Detects which TensorFlow Java library is on the classpath, so that a Fiji
 * with the old TensorFlow 1.x library (shipped by the CSBDeep update site as
 * {@code jars/libtensorflow-1.x.jar}, same package {@code org.tensorflow})
 * gets one clear message instead of a {@code NoSuchMethodError} or
 * {@code LinkageError} deep inside training.
 * <p>
 * NB: detection looks at class <em>resources</em>, not loaded classes: it
 * never initialises TensorFlow (no native library load) and it also sees a
 * TF1 jar whose classes are shadowed by ours.
 * </p>
 */
public final class TensorFlowLibraries {

	/** A class of TensorFlow Java 1.x (the new API, TF 2.x inside). */
	static final String NEW_API_CLASS = "org/tensorflow/types/TFloat32.class";

	/** Classes only the old TF 1.x Java library has. */
	static final String[] TF1_ONLY_CLASSES = { "org/tensorflow/Tensors.class",
		"org/tensorflow/DataType.class" };

	private TensorFlowLibraries() {}

	/** The problem with the TensorFlow libraries {@code loader} sees, if any. */
	public static Optional<String> problem(final ClassLoader loader) {
		for (final String c : TF1_ONLY_CLASSES) {
			final URL old = loader.getResource(c);
			if (old != null) return Optional.of(
				"An old TensorFlow 1.x library (" + origin(old) +
					", e.g. from the CSBDeep update site) is on the classpath and " +
					"clashes with the TensorFlow Java that Two-Stream AL needs -- " +
					"disable that update site (Help > Update... > Manage update sites) " +
					"or remove its libtensorflow jar from Fiji's jars/ folder, then " +
					"restart Fiji");
		}
		if (loader.getResource(NEW_API_CLASS) == null) return Optional.of(
			"TensorFlow Java (org.tensorflow:tensorflow-core-api) is not on the " +
				"classpath -- reinstall Two-Stream AL with its dependencies " +
				"(mvn -Dscijava.app.directory=/path/to/Fiji.app install)");
		return missingNatives(loader, System.getProperty("os.name", ""), System
			.getProperty("os.arch", ""));
	}

	/**
	 * The native TensorFlow library of this platform, if it is missing from
	 * the class path (plain ImageJ 1, or a Fiji without jars/linux64/...):
	 * without it the first TF call throws a 30-line UnsatisfiedLinkError.
	 */
	static Optional<String> missingNatives(final ClassLoader loader,
		final String osName, final String osArch)
	{
		final String os = osName.toLowerCase(Locale.ROOT);
		final String arch = osArch.toLowerCase(Locale.ROOT);
		final String cpu = arch.equals("amd64") || arch.equals("x86_64")
			? "x86_64" : arch.equals("aarch64") || arch.equals("arm64") ? "arm64"
				: null;
		final String platform, lib, fijiDir;
		if (os.startsWith("linux")) {
			platform = "linux-" + cpu;
			lib = "libjnitensorflow.so";
			fijiDir = "linux64";
		}
		else if (os.startsWith("mac")) {
			platform = "macosx-" + cpu;
			lib = "libjnitensorflow.dylib";
			fijiDir = "macosx";
		}
		else if (os.startsWith("windows")) {
			platform = "windows-" + cpu;
			lib = "jnitensorflow.dll";
			fijiDir = "win64";
		}
		else return Optional.empty(); // NB: unknown platform: let TF try
		if (cpu == null || loader.getResource(NATIVES + platform + "/" +
			lib) != null) return Optional.empty();
		final String jar = "tensorflow-core-native-" + version(loader) + "-" +
			platform + ".jar";
		return Optional.of("TensorFlow's native library for " + platform +
			" is not on the classpath (" + jar + " is missing) -- copy " + jar +
			" (Maven Central, org.tensorflow:tensorflow-core-native, classifier " +
			platform + ") into Fiji.app/jars/" + fijiDir + "/ and restart, or " +
			"reinstall Two-Stream AL with its dependencies " +
			"(mvn -Dscijava.app.directory=/path/to/Fiji.app install)");
	}

	/** Where the native jars keep their libraries. */
	static final String NATIVES = "org/tensorflow/internal/c_api/";

	private static String version(final ClassLoader loader) {
		try (InputStream in = loader.getResourceAsStream(
			"META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties"))
		{
			if (in != null) {
				final Properties p = new Properties();
				p.load(in);
				return p.getProperty("version", "*");
			}
		}
		catch (final IOException e) {
			// fall through
		}
		return "*";
	}

	/** Throws a {@link UserException} if {@link #problem} finds one. */
	public static void requireCompatible(final ClassLoader loader) {
		final Optional<String> p = problem(loader);
		if (p.isPresent()) {
			final String[] parts = p.get().split(" -- ", 2);
			throw new UserException(parts[0], parts.length > 1 ? parts[1] : "");
		}
	}

	/** {@link #requireCompatible(ClassLoader)} for this class's loader. */
	public static void requireCompatible() {
		requireCompatible(TensorFlowLibraries.class.getClassLoader());
	}

	private static String origin(final URL url) {
		final String s = url.toString();
		final int bang = s.indexOf("!/");
		final String jar = bang > 0 ? s.substring(0, bang) : s;
		return jar.replaceFirst("^jar:", "").replaceFirst("^file:", "");
	}
}
