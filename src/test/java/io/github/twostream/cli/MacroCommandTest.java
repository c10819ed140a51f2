package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.viewer.IJ1SuggestionView;
import io.github.twostream.viewer.SuggestionFixtures;
import picocli.CommandLine;

/** {@code twostream macro} running the shipped example macro, in-process. */
public class MacroCommandTest {

	@TempDir
	Path tmp;

	private record Run(int exit, String out, String err) {}

	private static Run run(final String... args) {
		final PrintStream oldOut = System.out;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final StringWriter err = new StringWriter();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			final CommandLine cl = TwoStreamCli.commandLine();
			cl.setErr(new PrintWriter(err, true));
			final int exit = cl.execute(args);
			return new Run(exit, out.toString(StandardCharsets.UTF_8), err
				.toString());
		}
		finally {
			System.setOut(oldOut);
		}
	}

	@Test
	public void exampleMacroShowsSuggestionsAndPrints() throws Exception {
		final Path dir = tmp.resolve("my project");
		SuggestionFixtures.writeCsv(dir.resolve("suggestions.csv"));
		SuggestionFixtures.writeImage(dir.resolve("em.tif"));
		final Run r = run("macro", Path.of("examples", "show-suggestions.ijm").toString(),
			"--arg", dir.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(r.out().contains("suggested patches: " +
			SuggestionFixtures.RANKED), r.out());
		assertTrue(r.out().contains("#1: patch "), r.out());
		assertTrue(Files.isRegularFile(dir.resolve("shown").resolve(
			IJ1SuggestionView.ROI_ZIP)));
	}

	@Test
	public void macroErrorIsOneLineAndExitOne() throws Exception {
		final Path macro = Files.writeString(tmp.resolve("bad macro.ijm"),
			"print(\"before\");\nrun(\"Show suggestions\", \"suggestions=[" + tmp +
				"/missing.csv] image=[x.tif]\");\nprint(\"after\");\n");
		final Run r = run("macro", macro.toString());
		assertEquals(1, r.exit());
		assertTrue(r.out().contains("before") && !r.out().contains("after"), r
			.out());
		final String[] lines = r.err().strip().split("\n");
		assertEquals(1, lines.length, r.err());
		assertTrue(lines[0].startsWith(
			"twostream macro: error: macro error: Show suggestions: error: " +
				"Suggestions file not found"), lines[0]);
	}

	@Test
	public void missingMacroFileIsAUserError() {
		final Run r = run("macro", tmp.resolve("nope.ijm").toString());
		assertEquals(1, r.exit());
		assertTrue(r.err().contains("Macro file not found"), r.err());
	}
}
