package io.github.twostream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real CLI entry point in-process and captures its output. */
final class Cli {

	private Cli() {}

	record Run(int code, String out, String err) {}

	static synchronized Run run(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream out = new ByteArrayOutputStream(),
				err = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			final int code = TwoStreamCli.execute(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(
				StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
	}
}
