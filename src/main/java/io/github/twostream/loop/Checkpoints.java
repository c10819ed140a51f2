package io.github.twostream.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.twostream.store.AtomicFiles;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;

/**
 * Model files of a project: each checkpoint is a new folder under
 * {@code models/}, written atomically (a crash leaves no half checkpoint), and
 * referred to by the store with a path relative to the project.
 */
final class Checkpoints {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern(
		"yyyyMMdd-HHmmss");
	private static final AtomicInteger COUNTER = new AtomicInteger();

	private Checkpoints() {}

	/** Writes a new checkpoint folder; returns its path relative to the project. */
	static String write(final Project project, final String prefix,
		final AtomicFiles.FolderWriter writer)
	{
		final String name = prefix + "-" + LocalDateTime.now().format(STAMP) + "-" +
			COUNTER.incrementAndGet();
		final Path target = project.modelsDir().resolve(name);
		try {
			AtomicFiles.writeFolder(target, writer);
		}
		catch (final IOException e) {
			throw new UserException("Could not write the model files to " + target +
				" (" + e.getMessage() + ")",
				"check that the project folder is writable and the disk is not full", e);
		}
		return project.dir().relativize(target).toString();
	}
}
