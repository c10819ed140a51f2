package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check PROJECT [--clean]}: verify a project, list or remove leftovers. */
@Command(name = "check", mixinStandardHelpOptions = true,
	description = "Verify a project (database integrity, label checksums, checkpoints present and bound to it, image fingerprint) and list leftovers of killed runs; exit 1 if a problem is found.")
public class CheckCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--clean",
		description = "Remove the leftovers (temporary files and folders, unreferenced checkpoints); run it when no other program uses the project.")
	boolean clean;

	@Override
	public Integer call() {
		final ProjectCheck.Report r = ProjectCheck.run(project, clean);
		r.checked().forEach(c -> System.out.println("checked  " + c));
		r.leftovers().forEach(f -> System.out.println((clean ? "removed  "
			: "leftover ") + f));
		r.problems().forEach(p -> System.err.println("twostream check: problem: " +
			p));
		System.out.println(r.ok() ? "Project " + project + " is sound" +
			(r.leftovers().isEmpty() || clean ? ""
				: "; remove the leftovers with --clean")
			: r.problems().size() + " problem(s) in " + project);
		return r.ok() ? 0 : 1;
	}
}
