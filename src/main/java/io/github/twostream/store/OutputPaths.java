package io.github.twostream.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.twostream.util.UserException;

/**
 * The one check every writer of a user-chosen output path calls first: an
 * output must never be one of the files a project owns ({@code project.db}
 * and its {@code -wal}/{@code -shm}/sidecars, anything under {@code models/})
 * or reads (its image, label sources, other inputs of the command).
 * <p>
 * NB: paths are compared after resolving {@code ..}, symbolic links (of the
 * output's existing ancestors too) and, because file systems may be case
 * insensitive, ignoring case; an existing output is also compared with
 * {@link Files#isSameFile} (hard links).
 * </p>
 */
public final class OutputPaths {

	private OutputPaths() {}

	/**
	 * Refuses {@code out} if it is a file (or folder) of {@code project} or one
	 * of {@code inputs}.
	 *
	 * @param option the option naming the output in messages, e.g. "--out"
	 * @throws UserException naming the clash
	 */
	public static void check(final Path out, final String option,
		final Project project, final Path... inputs)
	{
		final List<Path> reads = new ArrayList<>(Arrays.asList(inputs));
		reads.add(project.imageFile());
		check(out, option, project.dir(), reads.toArray(Path[]::new));
	}

	/**
	 * Refuses {@code out} if it lies in a project folder's own files (when
	 * {@code projectDir} is not null) or is one of {@code inputs}.
	 */
	public static void check(final Path out, final String option,
		final Path projectDir, final Path... inputs)
	{
		final Path o = real(out);
		if (projectDir != null) {
			final Path dir = real(projectDir);
			if (same(o, dir)) throw refused(out, option, "the project folder " +
				projectDir + " itself");
			if (within(o, dir)) {
				final Path rel = relative(dir, o);
				final String first = rel.getName(0).toString().toLowerCase(
					Locale.ROOT);
				if (first.startsWith(Project.DATABASE)) throw refused(out, option,
					"the project's database " + dir.resolve(rel.getName(0)));
				if (first.equals(Project.MODELS)) throw refused(out, option,
					"inside the project's model folder " + dir.resolve(Project.MODELS));
			}
		}
		for (final Path in : inputs) {
			if (in == null) continue;
			final Path i = real(in);
			if (same(o, i) || sameFile(out, in)) throw refused(out, option,
				"the input file " + in + " that this command reads");
		}
	}

	/**
	 * {@link #check} for an output folder and the fixed file names a command
	 * writes into it.
	 */
	public static void checkFolder(final Path folder, final String option,
		final Project project, final List<String> names, final Path... inputs)
	{
		check(folder, option, project, inputs);
		for (final String n : names)
			check(folder.resolve(n), option, project, inputs);
	}

	/** {@link #checkFolder} without a project (e.g. simulate, demo). */
	public static void checkFolder(final Path folder, final String option,
		final List<String> names, final Path... inputs)
	{
		check(folder, option, (Path) null, inputs);
		for (final String n : names)
			check(folder.resolve(n), option, (Path) null, inputs);
	}

	private static UserException refused(final Path out, final String option,
		final String what)
	{
		return new UserException("Refusing to write " + option + " " + out +
			": it is " + what,
			"choose an output outside the project's own files and the inputs");
	}

	/**
	 * The absolute, normalised path with symbolic links of its longest
	 * existing prefix resolved.
	 */
	static Path real(final Path p) {
		Path abs = p.toAbsolutePath().normalize();
		Path existing = abs;
		final List<Path> rest = new ArrayList<>();
		while (existing != null && !Files.exists(existing,
			LinkOption.NOFOLLOW_LINKS))
		{
			rest.add(0, existing.getFileName());
			existing = existing.getParent();
		}
		if (existing == null) return abs;
		try {
			Path r = existing.toRealPath();
			for (final Path n : rest)
				r = r.resolve(n.toString());
			return r.normalize();
		}
		catch (final IOException e) {
			// NB: a dangling link or unreadable ancestor: compare as given
			return abs;
		}
	}

	private static boolean same(final Path a, final Path b) {
		return a.toString().equalsIgnoreCase(b.toString());
	}

	private static boolean sameFile(final Path a, final Path b) {
		try {
			return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** True if {@code p} is strictly inside {@code dir} (ignoring case). */
	private static boolean within(final Path p, final Path dir) {
		final String d = dir.toString().toLowerCase(Locale.ROOT);
		final String s = p.toString().toLowerCase(Locale.ROOT);
		final String sep = dir.getFileSystem().getSeparator();
		return s.startsWith(d.endsWith(sep) ? d : d + sep);
	}

	private static Path relative(final Path dir, final Path p) {
		final int n = dir.getNameCount();
		return p.subpath(n, p.getNameCount());
	}
}
