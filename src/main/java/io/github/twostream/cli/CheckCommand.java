package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.loop.ProjectCheck;
import io.github.twostream.util.UserException;
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
		r.problems().forEach(p -> System.out.println("problem  " + p));
		if (!r.ok()) throw new UserException(r.problems().size() +
			" problem(s) in " + project + " (listed above), first: " + r.problems()
				.get(0).split(" -- ")[0], "fix them as each line says; 'twostream " +
					"backup' copies what is sound");
		System.out.println("Project " + project + " is sound" + (r.leftovers()
			.isEmpty() || clean ? "" : "; remove the leftovers with --clean"));
		return 0;
	}
}
