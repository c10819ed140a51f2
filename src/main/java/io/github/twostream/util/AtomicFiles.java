package io.github.twostream.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Crash-safe writes of every file we write (the project's files beside its
 * database, checkpoints, exports, images): a reader sees the old file or the
 * complete new one, never a torn one.
 * <p>
 * Each write goes to a temporary file in the target's folder, is fsynced,
 * then renamed over the target with {@code ATOMIC_MOVE}, and the folder is
 * fsynced so the rename itself survives a power loss. The temporary names
 * start with a dot and end in {@code .tmp} ({@link #isTemporary}); the next
 * writer of a folder clears stale ones ({@link StaleFiles}).
 * </p>
 */
public final class AtomicFiles {

	/** Writes a file's content to a stream. */
	@FunctionalInterface
	public interface StreamWriter {

		void write(OutputStream out) throws IOException;
	}

	/**
	 * Writes a file's content to the (temporary) path it is given, for
	 * writers that want a path, such as ImageJ's {@code FileSaver} or ImageIO.
	 */
	@FunctionalInterface
	public interface PathWriter {

		void write(Path file) throws IOException;
	}

	/** Fills a (temporary) folder with files. */
	@FunctionalInterface
	public interface FolderWriter {

		void write(Path folder) throws IOException;
	}

	private AtomicFiles() {}

	/** True for the names of the temporary files our writers make. */
	public static boolean isTemporary(final String name) {
		return name.startsWith(".") && name.endsWith(".tmp");
	}

	/** Atomically replaces {@code target} with the given bytes. */
	public static void write(final Path target, final byte[] bytes)
		throws IOException
	{
		write(target, out -> out.write(bytes));
	}

	/** Atomically replaces {@code target} with what the writer writes. */
	public static void write(final Path target, final StreamWriter writer)
		throws IOException
	{
		replace(target, tmp -> {
			try (OutputStream out = Files.newOutputStream(tmp,
				StandardOpenOption.WRITE))
			{
				writer.write(out);
			}
		});
	}

	/**
	 * Atomically replaces {@code target} with the file the writer writes to
	 * the temporary path it is given.
	 */
	public static void replace(final Path target, final PathWriter writer)
		throws IOException
	{
		final Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		StaleFiles.clear(dir, "." + target.getFileName());
		final Path tmp = Files.createTempFile(dir, "." + target.getFileName(),
			".tmp");
		try {
			// NB: temp files are owner-only; the result gets normal rights.
			Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions
				.fromString("rw-r--r--"));
		}
		catch (final UnsupportedOperationException e) {
			// not a POSIX file system
		}
		try {
			writer.write(tmp);
			fsync(tmp, false);
			move(tmp, target);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Atomically creates the folder {@code target} (which must not exist) with
	 * the files the writer puts into a temporary folder, e.g. a TF checkpoint
	 * ({@code ckpt.index} + {@code ckpt.data-*}).
	 */
	public static void writeFolder(final Path target, final FolderWriter writer)
		throws IOException
	{
		if (Files.exists(target)) throw new IOException("already exists: " +
			target);
		final Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		final Path tmp = Files.createTempDirectory(dir, "." + target.getFileName());
		try {
			writer.write(tmp);
			try (Stream<Path> files = Files.walk(tmp)) {
				for (final Path p : (Iterable<Path>) files::iterator)
					fsync(p, Files.isDirectory(p));
			}
			move(tmp, target);
		}
		finally {
			deleteTree(tmp);
		}
	}

	/** Renames {@code tmp} to {@code target} atomically and fsyncs the folder. */
	private static void move(final Path tmp, final Path target) throws IOException {
		try {
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			throw new IOException("The file system of " + target +
				" cannot rename files atomically", e);
		}
		fsync(target.toAbsolutePath().getParent(), true);
	}

	/** Forces a file's (or folder's) content to disk. */
	public static void fsync(final Path p, final boolean directory) throws IOException {
		try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
			ch.force(true);
		}
		catch (final IOException e) {
			// NB: some platforms (Windows) cannot open folders; the rename is
			// still atomic there, only its durability is up to the OS.
			if (!directory) throw e;
		}
	}

	private static void deleteTree(final Path p) throws IOException {
		StaleFiles.delete(p);
	}
}
