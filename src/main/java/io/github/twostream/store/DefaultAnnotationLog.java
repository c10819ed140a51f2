package io.github.twostream.store;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link AnnotationLog} in the {@code annotation_times} and
 * {@code skipped_suggestions} tables.
 */
final class DefaultAnnotationLog implements AnnotationLog {

	private final Db db;

	DefaultAnnotationLog(final Db db) {
		this.db = db;
	}

	@Override
	public void addSeconds(final int patchId, final double seconds) {
		if (!(seconds >= 0) || Double.isInfinite(seconds))
			throw new IllegalArgumentException("seconds = " + seconds);
		db.write(c -> {
			try (var ps = c.prepareStatement(
				"INSERT INTO annotation_times (patch_id, seconds, time) VALUES (?, ?, ?)"))
			{
				ps.setInt(1, patchId);
				ps.setDouble(2, seconds);
				ps.setLong(3, System.currentTimeMillis());
				return ps.executeUpdate();
			}
		});
	}

	@Override
	public double seconds(final int patchId) {
		return db.read(c -> {
			try (var ps = c.prepareStatement(
				"SELECT COALESCE(SUM(seconds), 0) FROM annotation_times WHERE patch_id = ?"))
			{
				ps.setInt(1, patchId);
				try (var rs = ps.executeQuery()) {
					return rs.next() ? rs.getDouble(1) : 0;
				}
			}
		});
	}

	@Override
	public SortedMap<Integer, Double> allSeconds() {
		return db.read(c -> {
			final SortedMap<Integer, Double> out = new TreeMap<>();
			try (var st = c.createStatement(); var rs = st.executeQuery(
				"SELECT patch_id, SUM(seconds) FROM annotation_times GROUP BY patch_id"))
			{
				while (rs.next())
					out.put(rs.getInt(1), rs.getDouble(2));
			}
			return Collections.unmodifiableSortedMap(out);
		});
	}

	@Override
	public int timedPatches() {
		return (int) single("SELECT COUNT(DISTINCT patch_id) FROM annotation_times");
	}

	@Override
	public double totalSeconds() {
		return single("SELECT COALESCE(SUM(seconds), 0) FROM annotation_times");
	}

	@Override
	public void skip(final int round, final int patchId) {
		update("INSERT OR IGNORE INTO skipped_suggestions (round, patch_id, time) " +
			"VALUES (?, ?, " + System.currentTimeMillis() + ")", round, patchId);
	}

	@Override
	public boolean unskip(final int round, final int patchId) {
		return update("DELETE FROM skipped_suggestions WHERE round = ? AND " +
			"patch_id = ?", round, patchId) > 0;
	}

	/** One write with a round and a patch id; returns the rows changed. */
	private int update(final String sql, final int round, final int patchId) {
		return db.write(c -> {
			try (var ps = c.prepareStatement(sql)) {
				ps.setInt(1, round);
				ps.setInt(2, patchId);
				return ps.executeUpdate();
			}
		});
	}

	@Override
	public Set<Integer> skipped(final int round) {
		return db.read(c -> {
			final Set<Integer> ids = new LinkedHashSet<>();
			try (var ps = c.prepareStatement("SELECT patch_id FROM " +
				"skipped_suggestions WHERE round = ? ORDER BY patch_id"))
			{
				ps.setInt(1, round);
				try (var rs = ps.executeQuery()) {
					while (rs.next())
						ids.add(rs.getInt(1));
				}
			}
			return Collections.unmodifiableSet(ids);
		});
	}

	private double single(final String sql) {
		return db.read(c -> {
			try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
				return rs.next() ? rs.getDouble(1) : 0;
			}
		});
	}
}
