package io.github.twostream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

import io.github.twostream.util.UserException;

/** {@link Labels} in the project database's {@code labels} and {@code edits} tables. */
final class DefaultLabels implements Labels {

	/** A label's stored form, as in one row (null kind = no label). */
	private record Stored(String kind, Integer size, Long crc, byte[] blob,
		Long updated)
	{

		static final Stored NONE = new Stored(null, null, null, null, null);
	}

	private final Db db;
	private final IntSupplier patchCount;
	private final int pixels;

	DefaultLabels(final Db db, final IntSupplier patchCount, final int pixels) {
		this.db = db;
		this.patchCount = patchCount;
		this.pixels = pixels;
	}

	@Override
	public void put(final int patchId, final LabelKind kind, final byte[] mask) {
		putAll(List.of(new PatchLabel(patchId, kind, mask, null)));
	}

	@Override
	public void putAll(final List<PatchLabel> labels) {
		putAll(labels, Map.of());
	}

	@Override
	public Outcome putAll(final List<PatchLabel> labels,
		final Map<Integer, Long> expected)
	{
		if (labels.isEmpty()) return new Outcome(Map.of(), List.of());
		// NB: validate and compress before the transaction: the write lock is
		// held only for the SQL.
		final List<Stored> encoded = new ArrayList<>(labels.size());
		final long now = System.currentTimeMillis();
		for (final PatchLabel l : labels) {
			checkId(l.patchId());
			if (l.kind() == null) throw new IllegalArgumentException("label kind is null");
			Masks.validate(l.patchId(), l.kind(), l.mask(), pixels);
			final Masks.Encoded e = Masks.encode(l.mask());
			encoded.add(new Stored(l.kind().key(), e.size(), e.crc(), e.blob(), now));
		}
		return db.write(c -> {
			final List<Integer> refused = stale(c, labels.stream().map(
				PatchLabel::patchId).toList(), expected);
			final Map<Integer, Long> written = new LinkedHashMap<>();
			long grp = -1;
			for (int i = 0; i < labels.size(); i++) {
				final int id = labels.get(i).patchId();
				if (refused.contains(id)) continue;
				if (grp < 0) grp = newGroup(c);
				written.put(id, change(c, grp, id, encoded.get(i), now));
			}
			return new Outcome(written, refused);
		});
	}

	@Override
	public List<Revised> read(final Collection<Integer> patchIds) {
		final List<Revised> out = new ArrayList<>(patchIds.size());
		db.read(c -> {
			for (final int id : patchIds)
				out.add(new Revised(id, decode(id, stored(c, id)), revision(c, id)));
			return null;
		});
		return out;
	}

	@Override
	public boolean remove(final int patchId) {
		checkId(patchId);
		return db.write(c -> {
			if (stored(c, patchId).kind() == null) return false;
			change(c, newGroup(c), patchId, Stored.NONE, System.currentTimeMillis());
			return true;
		});
	}

	@Override
	public Optional<PatchLabel> get(final int patchId) {
		return decode(patchId, db.read(c -> stored(c, patchId)));
	}

	private static Optional<PatchLabel> decode(final int patchId,
		final Stored s)
	{
		if (s.kind() == null) return Optional.empty();
		final byte[] mask = Masks.decode(patchId, s.blob(), s.size(), s.crc());
		return Optional.of(new PatchLabel(patchId, LabelKind.of(s.kind()), mask,
			Instant.ofEpochMilli(s.updated())));
	}

	@Override
	public Set<Integer> labelledIds() {
		return db.read(c -> {
			final Set<Integer> ids = new LinkedHashSet<>();
			try (var st = c.createStatement();
					var rs = st.executeQuery("SELECT patch_id FROM labels ORDER BY patch_id"))
			{
				while (rs.next())
					ids.add(rs.getInt(1));
			}
			return Collections.unmodifiableSet(ids);
		});
	}

	@Override
	public int count() {
		return db.read(c -> {
			try (var st = c.createStatement();
					var rs = st.executeQuery("SELECT COUNT(*) FROM labels"))
			{
				return rs.next() ? rs.getInt(1) : 0;
			}
		});
	}

	@Override
	public List<Integer> undo() {
		return List.copyOf(undo(Map.of()).written().keySet());
	}

	@Override
	public List<Integer> redo() {
		return List.copyOf(redo(Map.of()).written().keySet());
	}

	@Override
	public Outcome undo(final Map<Integer, Long> known) {
		return db.write(c -> step(c, true, known));
	}

	@Override
	public Outcome redo(final Map<Integer, Long> known) {
		return db.write(c -> step(c, false, known));
	}

	/**
	 * Undoes the newest done step (restoring the old states, newest edit first)
	 * or redoes the oldest undone step (new states, oldest edit first).
	 */
	private static Outcome step(final Connection c, final boolean undo,
		final Map<Integer, Long> known) throws SQLException
	{
		final String side = undo ? "old" : "new";
		final String group = undo
			? "(SELECT MAX(grp) FROM edits WHERE undone = 0)"
			: "(SELECT MIN(grp) FROM edits WHERE undone = 1)";
		final List<Integer> stepIds = new ArrayList<>();
		try (var st = c.createStatement();
				var rs = st.executeQuery("SELECT patch_id FROM edits WHERE grp = " +
					group))
		{
			while (rs.next())
				stepIds.add(rs.getInt(1));
		}
		final List<Integer> refused = stale(c, stepIds, known);
		if (!refused.isEmpty()) return new Outcome(Map.of(), refused);
		final Map<Integer, Long> ids = new LinkedHashMap<>();
		Long grp = null;
		try (var st = c.createStatement();
				var rs = st.executeQuery("SELECT grp, patch_id, " + side + "_kind, " +
					side + "_size, " + side + "_crc, " + side + "_mask, " + side +
					"_updated FROM edits WHERE grp = " + group + " ORDER BY seq " +
					(undo ? "DESC" : "ASC")))
		{
			while (rs.next()) {
				grp = rs.getLong(1);
				final int id = rs.getInt(2);
				ids.put(id, write(c, id, readStored(rs, 3)));
			}
		}
		if (grp != null) try (var ps = c.prepareStatement(
			"UPDATE edits SET undone = ? WHERE grp = ?"))
		{
			ps.setInt(1, undo ? 1 : 0);
			ps.setLong(2, grp);
			ps.executeUpdate();
		}
		return new Outcome(ids, List.of());
	}

	@Override
	public boolean canUndo() {
		return exists("SELECT 1 FROM edits WHERE undone = 0 LIMIT 1");
	}

	@Override
	public boolean canRedo() {
		return exists("SELECT 1 FROM edits WHERE undone = 1 LIMIT 1");
	}

	// -- Helpers --

	private boolean exists(final String sql) {
		return db.read(c -> {
			try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
				return rs.next();
			}
		});
	}

	private void checkId(final int patchId) {
		final int n = patchCount.getAsInt();
		if (patchId < 0 || patchId >= n) throw new UserException("Unknown patch id " +
			patchId, "valid ids are 0 to " + (n - 1) + " (see 'twostream patches PROJECT')");
	}

	/** Starts a new undo step: drops the redo tail, returns the step's group. */
	private static long newGroup(final Connection c) throws SQLException {
		try (var st = c.createStatement()) {
			st.executeUpdate("DELETE FROM edits WHERE undone = 1");
			try (var rs = st.executeQuery("SELECT COALESCE(MAX(grp), 0) + 1 FROM edits")) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** Logs and applies one edit of a patch's label; returns its new revision. */
	private static long change(final Connection c, final long grp, final int patchId,
		final Stored next, final long now) throws SQLException
	{
		final Stored prev = stored(c, patchId);
		try (var ps = c.prepareStatement("INSERT INTO edits (grp, patch_id, " +
			"old_kind, old_size, old_crc, old_mask, old_updated, " +
			"new_kind, new_size, new_crc, new_mask, new_updated, time) " +
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
		{
			ps.setLong(1, grp);
			ps.setInt(2, patchId);
			bind(ps, 3, prev);
			bind(ps, 8, next);
			ps.setLong(13, now);
			ps.executeUpdate();
		}
		return write(c, patchId, next);
	}

	/** Writes (or deletes) a patch's label and raises its revision; returns the new revision. */
	private static long write(final Connection c, final int patchId,
		final Stored s) throws SQLException
	{
		if (s.kind() == null) {
			try (var ps = c.prepareStatement("DELETE FROM labels WHERE patch_id = ?")) {
				ps.setInt(1, patchId);
				ps.executeUpdate();
			}
		}
		else try (var ps = c.prepareStatement("INSERT OR REPLACE INTO labels " +
			"(patch_id, kind, size, crc, mask, updated) VALUES (?, ?, ?, ?, ?, ?)"))
		{
			ps.setInt(1, patchId);
			bind(ps, 2, s);
			ps.executeUpdate();
		}
		try (var ps = c.prepareStatement("INSERT INTO label_revisions (patch_id, " +
			"revision) VALUES (?, 1) ON CONFLICT (patch_id) DO UPDATE SET " +
			"revision = revision + 1"))
		{
			ps.setInt(1, patchId);
			ps.executeUpdate();
		}
		return revision(c, patchId);
	}

	/** The patch's revision (0: never written). */
	private static long revision(final Connection c, final int patchId)
		throws SQLException
	{
		try (var ps = c.prepareStatement(
			"SELECT revision FROM label_revisions WHERE patch_id = ?"))
		{
			ps.setInt(1, patchId);
			try (var rs = ps.executeQuery()) {
				return rs.next() ? rs.getLong(1) : 0;
			}
		}
	}

	/** The ids whose revision differs from the expected one (ids not in it: not checked). */
	private static List<Integer> stale(final Connection c,
		final Collection<Integer> ids, final Map<Integer, Long> expected)
		throws SQLException
	{
		final Set<Integer> out = new LinkedHashSet<>();
		for (final int id : ids) {
			final Long want = expected.get(id);
			if (want != null && revision(c, id) != want) out.add(id);
		}
		return List.copyOf(out);
	}

	private static Stored stored(final Connection c, final int patchId)
		throws SQLException
	{
		try (var ps = c.prepareStatement(
			"SELECT kind, size, crc, mask, updated FROM labels WHERE patch_id = ?"))
		{
			ps.setInt(1, patchId);
			try (var rs = ps.executeQuery()) {
				return rs.next() ? readStored(rs, 1) : Stored.NONE;
			}
		}
	}

	private static Stored readStored(final ResultSet rs, final int col)
		throws SQLException
	{
		final String kind = rs.getString(col);
		if (kind == null) return Stored.NONE;
		return new Stored(kind, rs.getInt(col + 1), rs.getLong(col + 2), rs.getBytes(
			col + 3), rs.getLong(col + 4));
	}

	/** Binds kind, size, crc, blob, updated from parameter {@code at} on. */
	private static void bind(final PreparedStatement ps, final int at,
		final Stored s) throws SQLException
	{
		if (s.kind() == null) {
			ps.setNull(at, Types.VARCHAR);
			ps.setNull(at + 1, Types.INTEGER);
			ps.setNull(at + 2, Types.INTEGER);
			ps.setNull(at + 3, Types.BLOB);
			ps.setNull(at + 4, Types.INTEGER);
			return;
		}
		ps.setString(at, s.kind());
		ps.setInt(at + 1, s.size());
		ps.setLong(at + 2, s.crc());
		ps.setBytes(at + 3, s.blob());
		ps.setLong(at + 4, s.updated());
	}
}
