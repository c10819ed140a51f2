package io.github.twostream.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.twostream.util.AtomicFiles;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;
import io.github.twostream.util.StaleFiles;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Volumes;

/**
 * Verifies a project (database integrity, every label's checksum, every
 * model version's checkpoint present, inside the project and bound to it,
 * the image's fingerprint) and lists (or removes) leftovers of killed runs:
 * temporary model folders and files, checkpoints no version refers to,
 * links under {@code models/}.
 */
public final class ProjectCheck {

	/**
	 * @param problems what is wrong (one line each); empty if the project is
	 *          sound
	 * @param leftovers files that can go (removed if {@code clean})
	 * @param checked what was verified, for the report
	 */
	public record Report(List<String> problems, List<Path> leftovers,
		List<String> checked)
	{

		public boolean ok() {
			return problems.isEmpty();
		}
	}

	private ProjectCheck() {}

	/**
	 * Checks the project in {@code dir}; with {@code clean}, removes the
	 * leftovers (run it when no other program uses the project).
	 */
	public static Report run(final Path dir, final boolean clean) {
		final List<String> problems = new ArrayList<>();
		final List<Path> leftovers = new ArrayList<>();
		final List<String> checked = new ArrayList<>();
		try (Project p = Project.open(dir)) {
			final String integrity = p.integrityCheck();
			if (!"ok".equals(integrity)) problems.add("database: " + integrity
				.lines().findFirst().orElse(integrity));
			checked.add("database integrity: " + ("ok".equals(integrity) ? "ok"
				: "FAILED"));
			int labels = 0;
			for (final int id : p.labels().labelledIds()) {
				try {
					p.labels().get(id);
					labels++;
				}
				catch (final UserException e) {
					problems.add(e.getMessage());
				}
			}
			checked.add("labels with a valid checksum: " + labels);
			final Set<Path> referenced = new HashSet<>();
			int models = 0;
			for (final ModelKind kind : ModelKind.values())
				for (final ModelVersion v : p.models().all(kind)) {
					if (v.checkpoint() == null) continue;
					try {
						referenced.add(p.checkpointPath(v).getFileName());
						models++;
					}
					catch (final UserException e) {
						problems.add(e.getMessage());
					}
				}
			checked.add("model versions with a sound checkpoint: " + models);
			checkImage(p, problems, checked);
			findLeftovers(p, referenced, leftovers);
		}
		if (clean) for (final Path f : leftovers)
			delete(f);
		return new Report(problems, leftovers, checked);
	}

	private static void checkImage(final Project p, final List<String> problems,
		final List<String> checked)
	{
		final Path file = p.imageFile();
		if (!Files.exists(file)) {
			problems.add("The project's image " + file +
				" is missing -- put it back or relink the project");
			return;
		}
		try {
			p.checkImage(Volumes.fingerprint(p.image().spec()));
			checked.add("image fingerprint: ok");
		}
		catch (final UserException e) {
			problems.add(e.getMessage());
		}
	}

	/** Temporary files and folders, unreferenced checkpoints, links. */
	private static void findLeftovers(final Project p,
		final Set<Path> referenced, final List<Path> leftovers)
	{
		list(p.dir()).filter(f -> {
			final String n = f.getFileName().toString();
			return n.startsWith(Project.DATABASE + ".creating") || n.startsWith(
				".write-test") || AtomicFiles.isTemporary(n);
		}).forEach(leftovers::add);
		list(p.modelsDir()).filter(f -> Files.isSymbolicLink(f) || f.getFileName()
			.toString().startsWith(".") || !referenced.contains(f.getFileName()))
			.forEach(leftovers::add);
	}

	private static Stream<Path> list(final Path dir) {
		if (!Files.isDirectory(dir)) return Stream.empty();
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().toList().stream();
		}
		catch (final IOException e) {
			throw new UserException("Cannot list " + dir + " (" + e.getMessage() +
				")", "check the project folder's permissions", e);
		}
	}

	private static void delete(final Path f) {
		try {
			StaleFiles.delete(f);
		}
		catch (final IOException e) {
			throw new UserException("Cannot remove " + f + " (" + e.getMessage() +
				")", "check the project folder's permissions", e);
		}
	}
}
