package io.github.twostream.cli;

import java.io.File;
import java.util.concurrent.Callable;

import io.github.twostream.fiji.HeadlessImageJ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twostream macro FILE.ijm}: runs an ImageJ 1 macro headless with this
 * plugin loaded, like {@code ImageJ --headless -macro FILE.ijm} in Fiji.
 * {@code print()} goes to stdout; a macro error is one line on stderr, exit 1.
 */
@Command(name = "macro", mixinStandardHelpOptions = true,
	description = "Runs an ImageJ macro headless with the plugin's commands " +
		"(e.g. run(\"Show suggestions\", \"...\")).")
public class MacroCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "FILE.ijm",
		description = "The macro file.")
	File macro;

	@Option(names = "--arg", paramLabel = "STRING", defaultValue = "",
		description = "The macro's argument (getArgument()).")
	String arg;

	@Override
	public Integer call() {
		// NB: the launcher runs with -Djava.awt.headless=true; the patched
		// ImageJ is headless either way (ij1-patcher's headless mode).
		try (HeadlessImageJ ij = HeadlessImageJ.ofJavaClassPath()) {
			final String result = ij.runMacroFile(macro, arg);
			if (!result.isEmpty()) System.out.println(result);
		}
		return 0;
	}
}
