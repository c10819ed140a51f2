package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twostream view}: bad arguments and bad input are one line on stderr
 * (no display: says so; with a display: the missing project), never a trace.
 */
class ViewCommandTest {

	@TempDir
	Path tmp;

	@Test
	void missingProjectArgumentIsAUsageError() {
		final Cli.Run r = Cli.run("view");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("twostream view:") && r.err().contains("PROJECT"),
			r.err());
	}

	@Test
	void noDisplayOrNoProjectIsOneLine() {
		final Cli.Run r = Cli.run("view", tmp.resolve("nothing here").toString());
		assertEquals(1, r.code());
		assertEquals(1, r.err().strip().lines().count(), r.err());
		assertFalse(r.err().contains("\tat "), r.err());
		assertTrue(r.err().contains(GraphicsEnvironment.isHeadless()
			? "no display" : "does not exist"), r.err());
	}
}
