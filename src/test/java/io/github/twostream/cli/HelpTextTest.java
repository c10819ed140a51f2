package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every subcommand's {@code --help} renders cleanly: picocli formats descriptions with
 * {@code String.format}, so a lone {@code %} ("95 % of") garbles the text and prints a
 * {@code [picocli WARN]} line before the usage.
 */
class HelpTextTest {

	@Test
	void everySubcommandHelpRendersWithoutFormatWarnings() {
		final var commands = TwoStreamCli.commandLine().getSubcommands();
		assertTrue(commands.size() > 10, "subcommands: " + commands.keySet());
		for (final var entry : commands.entrySet()) {
			final String name = entry.getKey();
			if (name.equals("help")) continue;
			final Cli.Run r = Cli.run(name, "--help");
			assertEquals(0, r.code(), name + ": " + r.err());
			// NB: an alias (summarize) prints its command's own name
			assertTrue(r.out().contains("Usage: twostream " + entry.getValue()
				.getCommandName()), name + ": " + r.out());
			assertFalse(r.out().contains("picocli WARN") || r.err().contains("picocli WARN"),
				name + " --help: " + r.err());
			assertFalse(r.out().contains("%n"), name + " --help shows a raw %n: " + r.out());
		}
	}
}
