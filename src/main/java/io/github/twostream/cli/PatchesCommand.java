package io.github.twostream.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.twostream.store.PatchStatus;
import io.github.twostream.store.Project;
import io.github.twostream.volume.Patch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code patches PROJECT}: the patch grid as CSV on stdout. */
@Command(name = "patches", mixinStandardHelpOptions = true,
	description = "Print the project's patches as CSV: id,z,y,x,h,w,status.")
public class PatchesCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Override
	public Integer call() {
		try (Project p = Project.open(project)) {
			final List<PatchStatus> status = p.patchStatuses();
			final PrintStream out = System.out;
			final StringBuilder sb = new StringBuilder(64 * 1024);
			sb.append("id,z,y,x,h,w,status\n");
			for (final Patch q : p.grid().patches()) {
				sb.append(q.id()).append(',').append(q.z()).append(',').append(q.y())
					.append(',').append(q.x()).append(',').append(q.h()).append(',')
					.append(q.w()).append(',').append(status.get(q.id()).key()).append(
						'\n');
				if (sb.length() > 60_000) {
					out.print(sb);
					sb.setLength(0);
				}
			}
			out.print(sb);
			out.flush();
		}
		return 0;
	}
}
