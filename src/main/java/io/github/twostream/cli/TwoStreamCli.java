package io.github.twostream.cli;

import java.io.PrintWriter;

import io.github.twostream.util.CancelledException;
import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line launcher ({@code ./twostream}): one picocli subcommand per
 * headless tool. Errors are one line on stderr and a non-zero exit: 2 for bad
 * arguments, 1 for bad input or a failed run; never a stack trace unless
 * {@code TWOSTREAM_DEBUG=1}.
 */
@Command(name = "twostream", mixinStandardHelpOptions = true,
	versionProvider = TwoStreamCli.Version.class,
	description = "Two-stream active learning for EM segmentation.",
	subcommands = { //
		CommandLine.HelpCommand.class, //
		DemoCommand.class, //
		InfoCommand.class, //
		GenerateTestDataCommand.class, //
		BenchVolumeCommand.class, //
		InitCommand.class, //
		PatchesCommand.class, //
		LabelCommand.class, //
		ExportLabelsCommand.class, //
		RelinkCommand.class, //
		BenchModelCommand.class, //
		TrainEncoderCommand.class, //
		ExportEmbeddingsCommand.class, //
		TrainCommand.class, //
		PredictCommand.class, //
		ExportModelCommand.class, //
		ScoreCommand.class, //
		SuggestCommand.class, //
		ViewCommand.class, //
		BenchViewCommand.class, //
		MacroCommand.class, //
		SimulateCommand.class, //
		CheckCommand.class, //
		BackupCommand.class, //
		NoiseFloorCommand.class, //
		SummariseCommand.class, //
		CostModelCommand.class, //
	})
public class TwoStreamCli implements Runnable {

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	public static void main(final String... args) {
		CleanStop.install();
		final int code;
		try {
			code = execute(args);
		}
		finally {
			// NB: before System.exit, which blocks while the shutdown hook runs
			CleanStop.commandReturned();
		}
		System.exit(code);
	}

	/** Runs the CLI and returns the exit code (for tests). */
	public static int execute(final String... args) {
		final CommandLine cl = commandLine();
		return cl.execute(args);
	}

	public static CommandLine commandLine() {
		final CommandLine cl = new CommandLine(new TwoStreamCli());
		cl.setParameterExceptionHandler((ex, a) -> {
			final CommandLine c = ex.getCommandLine();
			final PrintWriter err = c.getErr();
			err.println("twostream " + c.getCommandName() + ": " + ex.getMessage() +
				" (usage: " + usageLine(c) + ")");
			err.flush();
			return 2;
		});
		cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
			final PrintWriter err = c.getErr();
			if (debug()) ex.printStackTrace(err);
			if (ex instanceof UserException) {
				err.println("twostream " + c.getCommandName() + ": error: " + ex
					.getMessage());
			}
			else if (ex instanceof CancelledException) {
				err.println("twostream " + c.getCommandName() + ": cancelled");
			}
			else {
				err.println("twostream " + c.getCommandName() + ": internal error: " +
					ex + " (set TWOSTREAM_DEBUG=1 for the stack trace)");
			}
			err.flush();
			// NB: bad arguments exit 2 in every command, like picocli's own
			// parameter errors; bad input or project state exits 1
			return ex instanceof BadArgumentException ? 2 : 1;
		});
		return cl;
	}

	static boolean debug() {
		return "1".equals(System.getenv("TWOSTREAM_DEBUG"));
	}

	private static String usageLine(final CommandLine c) {
		final String synopsis = c.getHelp().synopsis(0).trim();
		return synopsis.replaceAll("\\s+", " ");
	}

	static class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			final String v = TwoStreamCli.class.getPackage()
				.getImplementationVersion();
			return new String[] { "twostream " + (v == null ? "(development)" : v) };
		}
	}
}
