package io.github.twostream.cli;

import io.github.twostream.store.OutputPaths;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.twostream.loop.PoolPatches;
import io.github.twostream.loop.Predictions;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.StreamA;
import io.github.twostream.model.PatchScores;
import io.github.twostream.model.TaskModel;
import io.github.twostream.util.AtomicFiles;
import io.github.twostream.volume.Patch;
import io.github.twostream.util.BadArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code score PROJECT [--out SCORES.csv] [--passes T]}. */
@Command(name = "score", mixinStandardHelpOptions = true,
	description = "Per-patch uncertainty of the latest task model as CSV: id,z,y,x,entropy,margin,bald.")
public class ScoreCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--out", paramLabel = "SCORES.csv",
		description = "Output file (default: stdout).")
	Path out;

	@Option(names = "--passes", defaultValue = "8", paramLabel = "T",
		description = "MC-dropout passes for BALD (default: ${DEFAULT-VALUE}; 0 = no BALD).")
	int passes;

	@Override
	public Integer call() throws Exception {
		BadArgumentException.atLeast("--passes", passes, 0);
		if (passes > 100) throw new BadArgumentException("--passes must be at most 100 (got " +
			passes + ")", "use 0 (no BALD) to 100; 8 is typical");
		try (ProjectSession s = ProjectSession.open(project)) {
			if (out != null) OutputPaths.check(out, "--out", s.project());
			score(s);
		}
		return 0;
	}

	private void score(final ProjectSession s) throws Exception {
		try (TaskModel m = Predictions.latestModel(s.project())) {
			final PatchScores a = StreamA.scorePool(m, new PoolPatches(s.volume(), s
				.grid()), passes, new ConsoleProgress());
			final StringBuilder sb = new StringBuilder("id,z,y,x,entropy,margin,bald\n");
			for (final Patch p : s.grid().patches())
				sb.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.6g,%.6g,%s\n", p.id(),
					p.z(), p.y(), p.x(), a.entropy()[p.id()], a.margin()[p.id()], a
						.bald() == null ? "" : String.format(Locale.ROOT, "%.6g", a
							.bald()[p.id()])));
			if (out == null) {
				final PrintStream o = System.out;
				o.print(sb);
				o.flush();
			}
			else {
				AtomicFiles.write(out, os -> {
					final BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os,
						StandardCharsets.UTF_8));
					w.write(sb.toString());
					w.flush();
				});
				System.err.println("Wrote scores of " + s.grid().size() +
					" patches to " + out);
			}
		}
	}
}
