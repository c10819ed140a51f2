package io.github.twostream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.sqlite.SQLiteConfig;

import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.UserException;

/**
 * Detects a write-ahead log that does not belong to the database file beside
 * it (project.db restored from a backup next to the newer project.db-wal).
 * <p>
 * NB: SQLite cannot tell: it would apply the log's pages to the restored file,
 * corrupting it or silently bringing the newer state back. So the project
 * keeps a <em>generation</em> (a random token) in its database, renewed at
 * every open while the log is empty (after a full checkpoint), and a copy in
 * the sidecar {@value #SIDECAR}. A non-empty log is trusted only if the
 * generation in the database <em>file</em> (read with SQLite's
 * {@code immutable} flag, which ignores the log) equals the sidecar's.
 * </p>
 */
final class WalGenerations {

	/** The sidecar file holding the generation the current log was built on. */
	static final String SIDECAR = Project.DATABASE + "-gen";
	/** The lock file serialising generation renewals between processes. */
	static final String LOCK = Project.DATABASE + "-lock";
	/** Size of a WAL header: a log this size or smaller holds no pages. */
	private static final long WAL_HEADER = 32;

	private static final Object JVM_LOCK = new Object();

	private WalGenerations() {}

	/** Refuses to open {@code file} if its non-empty log is not its own. */
	static void checkBeforeOpen(final Path file) {
		final Path wal = sibling(file, "-wal"), side = sibling(file, "-gen");
		try {
			if (!Files.exists(side) || !Files.exists(wal) || Files.size(
				wal) <= WAL_HEADER) return;
			final String expected = Files.readString(side, StandardCharsets.UTF_8)
				.trim();
			final String actual = mainGeneration(file);
			if (expected.equals(actual)) return;
		}
		catch (final IOException e) {
			return; // NB: cannot tell: let SQLite open it as usual
		}
		throw new UserException(file + " does not belong to the write-ahead log " +
			wal.getFileName() + " beside it (was project.db restored from a backup " +
			"while the old " + wal.getFileName() + " stayed?); nothing was changed",
			"to use the restored project.db, move " + wal.getFileName() + " and " +
				Project.DATABASE + "-shm out of " + file.getParent() +
				"; to keep the newer state, put back the project.db that was there");
	}

	/**
	 * The generation stored in the database file itself, ignoring any log;
	 * null if it has none (a project made before generations).
	 */
	static String mainGeneration(final Path file) {
		final SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		final String uri = "jdbc:sqlite:" + file.toAbsolutePath().toUri()
			.toString().replaceFirst("^file:///", "file:/") + "?immutable=1";
		try (Connection c = config.createConnection(uri);
				Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT generation FROM project WHERE id = 1"))
		{
			return rs.next() ? rs.getString(1) : null;
		}
		catch (final SQLException e) {
			return null; // NB: no generation column, or unreadable without the log
		}
	}

	/**
	 * Renews the generation if the log can be emptied now (no other reader),
	 * and records it in the sidecar; otherwise leaves the sidecar absent or
	 * as it was, which only disables the check.
	 */
	static void renew(final Db db) {
		final Path file = db.file();
		synchronized (JVM_LOCK) {
			try (FileChannel ch = FileChannel.open(sibling(file, "-lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock lock = ch.lock())
			{
				if (!checkpoint(db)) return;
				Files.deleteIfExists(sibling(file, "-gen"));
				final String generation = UUID.randomUUID().toString();
				db.write(c -> {
					try (var ps = c.prepareStatement(
						"UPDATE project SET generation = ? WHERE id = 1"))
					{
						ps.setString(1, generation);
						return ps.executeUpdate();
					}
				});
				if (!checkpoint(db)) return;
				AtomicFiles.write(sibling(file, "-gen"), generation.getBytes(
					StandardCharsets.UTF_8));
			}
			catch (final IOException e) {
				// NB: the check is a safety net; a failure here disables it only
			}
		}
	}

	/** A full checkpoint that empties the log; false if a reader blocked it. */
	static boolean checkpoint(final Db db) {
		return db.plain(c -> {
			try (Statement s = c.createStatement();
					var rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)"))
			{
				return rs.next() && rs.getInt(1) == 0;
			}
		});
	}

	static Path sibling(final Path file, final String suffix) {
		return file.resolveSibling(file.getFileName() + suffix);
	}
}
