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
}
