package io.github.twostream.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import io.github.twostream.util.UserException;

/**
 * The project's one SQLite connection and its transactions.
 * <p>
 * NB: the connection stays in auto-commit mode and transactions are explicit
 * {@code BEGIN IMMEDIATE ... COMMIT}: in sqlite-jdbc's manual-commit mode a
 * transaction is always open, which would hold the write lock against other
 * processes (a CLI next to Fiji) between writes.
 * </p>
 */
final class Db implements AutoCloseable {

	/** {@code PRAGMA application_id} of a project database: "TSAL". */
	static final int APPLICATION_ID = 0x5453414c;

	/** Work on the connection that may throw SQLException. */
	@FunctionalInterface
	interface Work<T> {

		T run(Connection c) throws SQLException;
	}

	private final Path file;
	private final Connection connection;

	private Db(final Path file, final Connection connection) {
		this.file = file;
		this.connection = connection;
	}

	/**
	 * Opens (creating it if {@code create}) a database with the project's
	 * settings: WAL, synchronous=FULL, foreign keys, a busy timeout.
	 */
	static Db open(final Path file, final boolean create) throws SQLException {
		final SQLiteConfig config = new SQLiteConfig();
		if (!create) config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
		config.enforceForeignKeys(true);
		config.setBusyTimeout(10_000);
		// NB: FULL in WAL mode fsyncs the WAL on every commit: a label is durable
		// when put() returns, not only consistent.
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		// NB: the driver directly, not through DriverManager: DriverManager only
		// hands out drivers visible to the caller's class loader and registers
		// them once per JVM, which fails ("No suitable driver") when ImageJ/Fiji
		// or an isolated macro runner loaded sqlite-jdbc in another loader first.
		final Connection c = config.createConnection("jdbc:sqlite:" + file
			.toAbsolutePath());
		try (Statement s = c.createStatement()) {
			s.execute("PRAGMA journal_mode = WAL");
		}
		catch (final SQLException e) {
			c.close();
			throw e;
		}
		return new Db(file, c);
	}

	Path file() {
		return file;
	}

	/** Runs work in one write transaction (BEGIN IMMEDIATE); rolls back on failure. */
	synchronized <T> T write(final Work<T> work) {
		return transaction("BEGIN IMMEDIATE", work);
	}

	/** Runs reads in one (deferred) transaction, for a consistent snapshot. */
	synchronized <T> T read(final Work<T> work) {
		return transaction("BEGIN", work);
	}

	private <T> T transaction(final String begin, final Work<T> work) {
		try (Statement s = connection.createStatement()) {
			s.execute(begin);
			boolean done = false;
			try {
				final T result = work.run(connection);
				s.execute("COMMIT");
				done = true;
				return result;
			}
			finally {
				if (!done) rollbackQuietly(s);
			}
		}
		catch (final SQLException e) {
			throw fail(e);
		}
	}

	private static void rollbackQuietly(final Statement s) {
		try {
			s.execute("ROLLBACK");
		}
		catch (final SQLException e) {
			// NB: no transaction left to roll back (SQLite already did).
		}
	}

	/** Runs one statement outside an explicit transaction (e.g. a PRAGMA). */
	synchronized <T> T plain(final Work<T> work) {
		try {
			return work.run(connection);
		}
		catch (final SQLException e) {
			throw fail(e);
		}
	}

	/** A clear error for a failed database operation. */
	UserException fail(final SQLException e) {
		final SQLiteErrorCode code = e instanceof SQLiteException se ? se
			.getResultCode() : null;
		if (code != null) switch (code.code & 0xff) {
			case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
				return new UserException("The project database " + file +
					" is busy (in use by another program)",
					"close other Fiji windows or twostream commands using this project and try again",
					e);
			case 13: // SQLITE_FULL
				return new UserException("The disk holding " + file + " is full",
					"free disk space and try again (nothing was written)", e);
			case 8: // SQLITE_READONLY
				return new UserException("The project database " + file +
					" is read-only", "copy the project to a writable folder", e);
			case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
				return new UserException("The project database " + file +
					" is corrupt", "restore project.db from a backup", e);
			case 10: // SQLITE_IOERR
				return new UserException("Could not read or write " + file + " (" + e
					.getMessage() + ")", "check the disk and try again", e);
			default:
		}
		return new UserException("Project database error in " + file + ": " + e
			.getMessage(), "report this problem with the message above", e);
	}

	@Override
	public synchronized void close() {
		try {
			connection.close();
		}
		catch (final SQLException e) {
			throw fail(e);
		}
	}
}
