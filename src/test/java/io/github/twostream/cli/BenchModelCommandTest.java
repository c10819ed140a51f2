package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The bench-model subcommand is registered and validates its arguments. */
class BenchModelCommandTest {

	@Test
	void badArgumentsExitWith2() {
		final CommandLine cl = TwoStreamCli.commandLine();
		final StringWriter err = new StringWriter();
		cl.setErr(new PrintWriter(err));
		assertEquals(2, cl.execute("bench-model", "--seconds", "fast"));
		assertTrue(err.toString().contains("bench-model"), err.toString());
		assertTrue(cl.getSubcommands().containsKey("bench-model"));
	}
}
