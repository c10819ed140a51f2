package io.github.twostream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.store.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backup PROJECT DEST}: a consistent copy of a project, safe while it is in use. */
@Command(name = "backup", mixinStandardHelpOptions = true,
	description = "Copy a project into a new folder, consistently even while Fiji or another command uses it (SQLite VACUUM INTO plus the model files). Restore by using that folder as the project.")
public class BackupCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1", paramLabel = "DEST", description = "New folder for the copy.")
	Path dest;

	@Override
	public Integer call() {
		try (Project p = Project.open(project)) {
			p.backup(dest);
			System.out.println("Backed up " + project + " (" + p.labels().count() +
				" labels, " + p.queries().rounds().size() + " rounds) to " + dest);
		}
		return 0;
	}
}
