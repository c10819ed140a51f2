package io.github.twostream.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes what a killed writer left behind: temporary files and folders
 * (dot-named) older than {@link #STALE}, found by the next writer of the same
 * folder.
 */
public final class StaleFiles {

	/** Age after which a temporary entry counts as left over: longer than any write. */
	public static final Duration STALE = Duration.ofHours(1);

	private StaleFiles() {}

	/**
	 * Removes entries of {@code dir} whose names start with {@code prefix} and
	 * that were last modified more than {@link #STALE} ago. Best effort.
	 */
	public static void clear(final Path dir, final String prefix) {
		if (dir == null || !Files.isDirectory(dir)) return;
		final long limit = System.currentTimeMillis() - STALE.toMillis();
		try (Stream<Path> s = Files.list(dir)) {
			for (final Path f : (Iterable<Path>) s::iterator) {
				if (!f.getFileName().toString().startsWith(prefix)) continue;
				if (Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS)
					.toMillis() > limit) continue;
				delete(f);
			}
		}
		catch (final IOException e) {
			// NB: best effort; 'twostream check --clean' reports what is left
		}
	}

	/** Deletes a file, a link (not its target) or a folder tree. */
	public static void delete(final Path f) throws IOException {
		if (Files.isSymbolicLink(f) || !Files.isDirectory(f)) {
			Files.deleteIfExists(f);
			return;
		}
		try (Stream<Path> s = Files.walk(f)) {
			for (final Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(q);
		}
	}
}
