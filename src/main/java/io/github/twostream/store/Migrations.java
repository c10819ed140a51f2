package io.github.twostream.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The project database's schema, as a list of migration steps.
 * <p>
 * Step {@code i} (0-based) upgrades schema version {@code i} to {@code i + 1};
 * the version is kept in {@code PRAGMA user_version}. Opening a project
 * applies the missing steps in order, all in one transaction, so a crash
 * during an upgrade leaves the old version intact. Never edit a released step:
 * append a new one.
 * </p>
 */
public final class Migrations {

	private Migrations() {}

	/** The SQL statements of each step. */
	static final List<List<String>> STEPS = List.of(
		// v1: the project, its labels and the label edit log.
		List.of("""
			CREATE TABLE project (
			  id INTEGER PRIMARY KEY CHECK (id = 1),
			  image_spec TEXT NOT NULL,
			  fingerprint TEXT NOT NULL,
			  width INTEGER NOT NULL,
			  height INTEGER NOT NULL,
			  depth INTEGER NOT NULL,
			  bit_depth INTEGER NOT NULL,
			  patch_size INTEGER NOT NULL,
			  stride INTEGER NOT NULL,
			  created INTEGER NOT NULL)""", """
			CREATE TABLE labels (
			  patch_id INTEGER PRIMARY KEY,
			  kind TEXT NOT NULL CHECK (kind IN ('dense', 'scribble')),
			  size INTEGER NOT NULL,
			  crc INTEGER NOT NULL,
			  mask BLOB NOT NULL,
			  updated INTEGER NOT NULL)""",
			// NB: old_*/new_* NULL = no label before/after the edit. Rows of one
			// write share a grp (one undo step); undone rows are always the tail.
			"""
			CREATE TABLE edits (
			  seq INTEGER PRIMARY KEY AUTOINCREMENT,
			  grp INTEGER NOT NULL,
			  patch_id INTEGER NOT NULL,
			  old_kind TEXT, old_size INTEGER, old_crc INTEGER, old_mask BLOB,
			  old_updated INTEGER,
			  new_kind TEXT, new_size INTEGER, new_crc INTEGER, new_mask BLOB,
			  new_updated INTEGER,
			  undone INTEGER NOT NULL DEFAULT 0,
			  time INTEGER NOT NULL)""",
			"CREATE INDEX edits_grp ON edits (grp)"),
		// v2: query history.
		List.of("""
			CREATE TABLE query_rounds (
			  round INTEGER PRIMARY KEY,
			  strategy TEXT NOT NULL,
			  created INTEGER NOT NULL)""", """
			CREATE TABLE suggestions (
			  round INTEGER NOT NULL REFERENCES query_rounds (round) ON DELETE CASCADE,
			  rank INTEGER NOT NULL,
			  patch_id INTEGER NOT NULL,
			  entropy REAL, margin REAL, bald REAL,
			  typicality REAL, novelty REAL, combined REAL,
			  PRIMARY KEY (round, rank))"""),
		// v3: model versions and stream B embeddings.
		List.of("""
			CREATE TABLE models (
			  id INTEGER PRIMARY KEY AUTOINCREMENT,
			  kind TEXT NOT NULL CHECK (kind IN ('task', 'encoder')),
			  architecture TEXT,
			  checkpoint TEXT,
			  training_steps INTEGER NOT NULL,
			  labelled_count INTEGER NOT NULL,
			  device TEXT,
			  metrics TEXT,
			  created INTEGER NOT NULL)""",
			"CREATE INDEX models_kind ON models (kind, id)", """
			CREATE TABLE embeddings (
			  encoder_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
			  patch_id INTEGER NOT NULL,
			  dim INTEGER NOT NULL,
			  vector BLOB NOT NULL,
			  PRIMARY KEY (encoder_id, patch_id))"""),
		// v4 (issue 14): the project's identity, written into each checkpoint so
		// a foreign checkpoint is refused, and the generation the main database
		// file holds, which a stale -wal next to a restored backup does not match.
		List.of("ALTER TABLE project ADD COLUMN uuid TEXT",
			"ALTER TABLE project ADD COLUMN generation TEXT",
			"UPDATE project SET uuid = lower(hex(randomblob(16))) WHERE uuid IS NULL"),
		// v5 (issue 10, annotation view): active annotation seconds per accepted patch and
		// suggestions the expert skipped.
		List.of("""
			CREATE TABLE annotation_times (
			  seq INTEGER PRIMARY KEY AUTOINCREMENT,
			  patch_id INTEGER NOT NULL,
			  seconds REAL NOT NULL,
			  time INTEGER NOT NULL)""",
			"CREATE INDEX annotation_times_patch ON annotation_times (patch_id)", """
			CREATE TABLE skipped_suggestions (
			  round INTEGER NOT NULL,
			  patch_id INTEGER NOT NULL,
			  time INTEGER NOT NULL,
			  PRIMARY KEY (round, patch_id))"""),
		// v6 (issue 10, nothing silently overwritten): each patch's label revision,
		// raised by every write of it (put, remove, undo, redo) in the write's
		// transaction, kept when the label is removed; no row = revision 0. A
		// window writes a patch only if its revision is still the one it loaded.
		List.of("""
			CREATE TABLE label_revisions (
			  patch_id INTEGER PRIMARY KEY,
			  revision INTEGER NOT NULL)"""));

	/** The schema version this code writes. */
	public static final int CURRENT = STEPS.size();

	/** The database's schema version ({@code PRAGMA user_version}). */
	static int version(final Connection c) throws SQLException {
		try (Statement s = c.createStatement();
				var rs = s.executeQuery("PRAGMA user_version"))
		{
			return rs.next() ? rs.getInt(1) : 0;
		}
	}

	/**
	 * Applies the steps from the database's version up to {@code target} in one
	 * transaction. The connection must be in auto-commit mode.
	 *
	 * @return the number of steps applied
	 */
	static int migrate(final Connection c, final int target) throws SQLException {
		if (target < 0 || target > CURRENT) throw new IllegalArgumentException(
			"no schema version " + target);
		try (Statement s = c.createStatement()) {
			s.execute("BEGIN IMMEDIATE");
			try {
				final int from = version(c);
				for (int v = from; v < target; v++)
					for (final String sql : STEPS.get(v))
						s.execute(sql);
				if (from < target) s.execute("PRAGMA user_version = " + target);
				s.execute("COMMIT");
				return Math.max(0, target - from);
			}
			catch (final SQLException | RuntimeException e) {
				s.execute("ROLLBACK");
				throw e;
			}
		}
	}
}
