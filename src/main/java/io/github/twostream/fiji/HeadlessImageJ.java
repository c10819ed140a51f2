package io.github.twostream.fiji;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import net.imagej.patcher.LegacyEnvironment;

import io.github.twostream.util.UserException;

/**
 * A headless ImageJ 1 with this plugin loaded, the in-process equivalent of
 * {@code ImageJ --headless -macro}: runs macros that call our commands by
 * their menu labels.
 * <p>
 * NB: ImageJ 1 is patched for headless use by ij1-patcher's
 * {@link LegacyEnvironment}, which must patch the {@code ij.*} classes before
 * anyone loads them. So ImageJ, SciJava and this plugin are loaded afresh in
 * an isolated class loader over the given class path; only ij1-patcher and
 * javassist (the environment talks to its hooks through them) and TensorFlow
 * (its JNI library loads once per JVM) are shared with the caller. Plugin
 * class path entries are scanned for {@code plugins.config}, as jars in
 * Fiji's plugins/ folder are.
 * </p>
 */
public class HeadlessImageJ implements AutoCloseable {

	private final URLClassLoader loader;
	private final LegacyEnvironment ij1;

	/**
	 * @param classPath ImageJ, SciJava and the plugin's dependencies
	 * @param pluginClassPath folders or jars with {@code plugins.config}
	 */
	public HeadlessImageJ(final List<File> classPath,
		final List<File> pluginClassPath)
	{
		final List<URL> urls = new ArrayList<>();
		// NB: jars first: with a class folder first, SciJava's EclipseHelper
		// re-indexes annotations and prints "[ECLIPSE HELPER] ..." on stdout.
		final List<File> ordered = new ArrayList<>(classPath);
		ordered.sort((a, b) -> Boolean.compare(a.isDirectory(), b.isDirectory()));
		for (final File f : ordered) {
			if (isShared(f)) continue;
			try {
				urls.add(f.toURI().toURL());
			}
			catch (final MalformedURLException e) {
				throw new IllegalArgumentException(f.toString(), e);
			}
		}
		loader = new URLClassLoader(urls.toArray(new URL[0]), new SharedLoader(
			HeadlessImageJ.class.getClassLoader()));
		try {
			ij1 = new LegacyEnvironment(loader, true);
		}
		catch (final ClassNotFoundException e) {
			throw new IllegalStateException("ImageJ 1 (ij.jar) is not on the class path", e);
		}
		ij1.addPluginClasspath(pluginClassPath.toArray(new File[0]));
		ij1.applyPatches();
	}

	/** This JVM's class path; the plugin is the entry with plugins.config. */
	public static HeadlessImageJ ofJavaClassPath() {
		final List<File> cp = new ArrayList<>();
		final List<File> plugins = new ArrayList<>();
		for (final String e : System.getProperty("java.class.path").split(
			File.pathSeparator))
		{
			if (e.isEmpty()) continue;
			final File f = new File(e);
			cp.add(f);
			if (new File(f, "plugins.config").isFile() || f.getName().startsWith(
				"Two_Stream_AL")) plugins.add(f);
		}
		return new HeadlessImageJ(cp, plugins);
	}

	/**
	 * Runs a macro; returns its return value ({@code return} statement or
	 * {@code ""}); {@code print()} output goes to stdout.
	 *
	 * @throws UserException with the macro error's message, if any
	 */
	public String runMacro(final String macro, final String arg) {
		return run(macro, arg, null);
	}

	/** Runs a macro file (its path is the macro's file path). */
	public String runMacroFile(final File file, final String arg) {
		if (!file.isFile()) throw new UserException("Macro file not found: " +
			file, "check the path");
		final String macro;
		try {
			macro = java.nio.file.Files.readString(file.toPath());
		}
		catch (final java.io.IOException e) {
			throw new UserException("Cannot read macro " + file + ": " + e
				.getMessage(), "check the file", e);
		}
		return run(macro, arg, file.getAbsolutePath());
	}

	private String run(final String macro, final String arg, final String path) {
		final Thread t = Thread.currentThread();
		final ClassLoader old = t.getContextClassLoader();
		t.setContextClassLoader(loader);
		try {
			if (path != null) loader.loadClass("ij.plugin.Macro_Runner").getMethod(
				"setFilePath", String.class).invoke(null, path);
			// NB: our own Interpreter (not IJ.runMacro) so that we can ask it
			// whether the macro ended with an error, and which.
			final Class<?> ic = loader.loadClass("ij.macro.Interpreter");
			final Object interp = ic.getConstructor().newInstance();
			Object result = null;
			try {
				result = ic.getMethod("run", String.class, String.class).invoke(interp,
					macro, arg);
			}
			catch (final InvocationTargetException e) {
				// "Macro canceled": an error or exit(), reported below
				final Object cancelled = loader.loadClass("ij.Macro").getField(
					"MACRO_CANCELED").get(null);
				if (!cancelled.equals(e.getCause().getMessage())) throw e;
			}
			if ((Boolean) ic.getMethod("wasError").invoke(interp)) {
				final Object msg = ic.getMethod("getErrorMessage").invoke(interp);
				throw new UserException("macro error: " + msg, "");
			}
			return result == null ? "" : result.toString();
		}
		catch (final InvocationTargetException e) {
			final Throwable c = e.getCause();
			if (c instanceof RuntimeException r) throw r;
			throw new IllegalStateException(c);
		}
		catch (final ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
		finally {
			t.setContextClassLoader(old);
		}
	}

	/** The class loader ImageJ, SciJava and the plugin live in. */
	public ClassLoader classLoader() {
		return loader;
	}

	@Override
	public void close() {
		try {
			loader.close();
		}
		catch (final java.io.IOException e) {
			// NB: nothing to do; the jars are only read
		}
	}

	private static boolean isShared(final File f) {
		final String n = f.getName();
		return n.startsWith("ij1-patcher") || n.startsWith("javassist");
	}

	/**
	 * Packages the child takes from the caller's loader: ij1-patcher and
	 * javassist (the environment's hooks), and TensorFlow with its JavaCPP and
	 * protobuf. NB: a JVM loads a JNI library into one class loader only, so
	 * TensorFlow loaded afresh here would fail ("already loaded in another
	 * classloader") once the caller has used it; it depends on neither ImageJ
	 * nor SciJava, so sharing it is safe.
	 */
	private static final String[] SHARED = { "net.imagej.patcher.", "javassist.",
		"org.tensorflow.", "org.bytedeco.", "com.google.protobuf." };

	static boolean isSharedName(final String name, final char separator) {
		for (final String p : SHARED)
			if (name.startsWith(p.replace('.', separator))) return true;
		return false;
	}

	/**
	 * Delegates only the {@link #SHARED} packages to the caller's loader; all else
	 * (except the JDK) is loaded afresh by the child.
	 */
	private static final class SharedLoader extends ClassLoader {

		private final ClassLoader shared;

		SharedLoader(final ClassLoader shared) {
			super(ClassLoader.getPlatformClassLoader());
			this.shared = shared;
		}

		@Override
		protected Class<?> findClass(final String name)
			throws ClassNotFoundException
		{
			if (isSharedName(name, '.')) return shared.loadClass(name);
			throw new ClassNotFoundException(name);
		}

		@Override
		protected URL findResource(final String name) {
			if (isSharedName(name, '/')) return shared.getResource(name);
			return null;
		}
	}
}
