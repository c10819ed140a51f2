package io.github.twostream.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.github.twostream.util.AtomicFiles;
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

	private Checkpoints() {}

	/** Writes a new checkpoint folder; returns its path relative to the project. */
	static String write(final Project project, final String prefix,
		final AtomicFiles.FolderWriter writer)
	{
		// NB: a random suffix, not a second-resolution stamp: two processes
		// training at once never pick the same folder
		final String name = prefix + "-" + LocalDateTime.now().format(STAMP) + "-" +
			UUID.randomUUID().toString().substring(0, 8);
		final Path target = project.modelsDir().resolve(name);
		// NB: temporary folders of a killed run (older than any save takes)
		io.github.twostream.util.StaleFiles.clear(project.modelsDir(), ".");
		try {
			// NB: each checkpoint names its project, so a foreign one is refused
			AtomicFiles.writeFolder(target, folder -> {
				writer.write(folder);
				Files.writeString(folder.resolve(Project.CHECKPOINT_OWNER), project
					.uuid(), StandardCharsets.UTF_8);
			});
		}
		catch (final IOException e) {
			throw new UserException("Could not write the model files to " + target +
				" (" + e.getMessage() + ")",
				"check that the project folder is writable and the disk is not full", e);
		}
		return project.dir().relativize(target).toString();
	}
}
