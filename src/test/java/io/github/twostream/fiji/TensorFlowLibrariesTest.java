package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.UserException;

/** Detection of the TensorFlow Java library flavour on real class paths. */
public class TensorFlowLibrariesTest {

	@TempDir
	Path tmp;

	@Test
	public void currentClassPathHasTheNewApiOnly() {
		assertEquals(Optional.empty(), TensorFlowLibraries.problem(getClass()
			.getClassLoader()));
		TensorFlowLibraries.requireCompatible();
	}

	@Test
	public void loaderWithoutTensorFlowSaysItIsMissing() throws IOException {
		try (URLClassLoader empty = new URLClassLoader(new URL[] { tmp.toUri()
			.toURL() }, null))
		{
			final String p = TensorFlowLibraries.problem(empty).orElseThrow();
			assertTrue(p.contains("not on the classpath"), p);
		}
	}

	@Test
	public void oldTf1JarIsNamedWithTheFix() throws IOException {
		// a class folder laid out like libtensorflow-1.15.0.jar's TF1-only class
		final Path tf1 = tmp.resolve("libtensorflow-1.15.0");
		Files.createDirectories(tf1.resolve("org/tensorflow"));
		Files.write(tf1.resolve("org/tensorflow/Tensors.class"), new byte[] {
			(byte) 0xCA, (byte) 0xFE });
		// the new API next to it, as in a Fiji with both update sites
		final URL current = TensorFlowLibrariesTest.class.getClassLoader()
			.getResource(TensorFlowLibraries.NEW_API_CLASS);
		assertTrue(current != null);
		try (URLClassLoader both = new URLClassLoader(new URL[] { tf1.toUri()
			.toURL() }, getClass().getClassLoader()))
		{
			final UserException e = assertThrows(UserException.class,
				() -> TensorFlowLibraries.requireCompatible(both));
			assertTrue(e.getMessage().startsWith(
				"An old TensorFlow 1.x library (" + tf1), e.getMessage());
			assertTrue(e.getMessage().contains("CSBDeep"), e.getMessage());
			assertTrue(e.getMessage().contains(" -- disable that update site"), e
				.getMessage());
		}
	}

	@Test
	public void missingNativeJarIsNamedWithTheFix() throws IOException {
		// the API jar alone, as in plain ImageJ 1 with only the Java jars copied
		final URL api = TensorFlowLibrariesTest.class.getClassLoader().getResource(
			TensorFlowLibraries.NEW_API_CLASS);
		final String s = api.toString();
		final URL apiJar = new URL(s.substring(4, s.indexOf("!/")));
		try (URLClassLoader onlyApi = new URLClassLoader(new URL[] { apiJar },
			null))
		{
			final String p = TensorFlowLibraries.problem(onlyApi).orElseThrow();
			if (System.getProperty("os.name").startsWith("Linux") && System
				.getProperty("os.arch").equals("amd64"))
			{
				assertTrue(p.contains("tensorflow-core-native-1.1.0-linux-x86_64.jar"),
					p);
				assertTrue(p.contains("Fiji.app/jars/linux64/"), p);
			}
			final UserException e = assertThrows(UserException.class,
				() -> TensorFlowLibraries.requireCompatible(onlyApi));
			assertEquals(1, e.getMessage().lines().count(), e.getMessage());
			assertTrue(e.getMessage().contains(" -- copy "), e.getMessage());
		}
		// every platform names its own jar and Fiji folder
		try (URLClassLoader onlyApi = new URLClassLoader(new URL[] { apiJar },
			null))
		{
			assertTrue(TensorFlowLibraries.missingNatives(onlyApi, "Mac OS X",
				"aarch64").orElseThrow().contains("macosx-arm64.jar"));
			assertTrue(TensorFlowLibraries.missingNatives(onlyApi, "Windows 11",
				"amd64").orElseThrow().contains("jars/win64/"));
		}
		assertEquals(Optional.empty(), TensorFlowLibraries.missingNatives(getClass()
			.getClassLoader(), "Linux", "amd64"));
	}
}
