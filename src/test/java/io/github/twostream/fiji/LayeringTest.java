package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Core packages stay UI-free: they never import the Fiji front end (fiji,
 * viewer), Swing or {@code ij.gui} (except {@code ij.gui.Plot}, allowed for
 * headless simulation reports).
 */
public class LayeringTest {

	private static final List<String> CORE = List.of("volume", "store", "model",
		"structure", "acquisition", "loop", "simulation", "util", "annotation");

	@Test
	public void corePackagesDoNotImportTheFrontEnd() throws IOException {
		final Path root = Path.of("src/main/java/io/github/twostream");
		final List<String> violations = new ArrayList<>();
		for (final String pkg : CORE) {
			final Path dir = root.resolve(pkg);
			if (!Files.isDirectory(dir)) continue;
			try (Stream<Path> files = Files.walk(dir)) {
				for (final Path f : files.filter(p -> p.toString().endsWith(".java"))
					.toList())
				{
					for (final String line : Files.readAllLines(f)) {
						final String l = line.trim();
						if (!l.startsWith("import ")) continue;
						if (l.contains("io.github.twostream.fiji") || l.contains(
							"io.github.twostream.viewer") || l.contains("javax.swing") || l
								.contains("ij.gui.") && !l.contains("ij.gui.Plot")) violations
									.add(root.relativize(f) + ": " + l);
					}
				}
			}
		}
		assertTrue(violations.isEmpty(), "core imports UI: " + violations);
	}
}
