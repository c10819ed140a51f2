package io.github.twostream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Queries} in the {@code query_rounds} and {@code suggestions} tables. */
final class DefaultQueries implements Queries {

	private final Db db;

	DefaultQueries(final Db db) {
		this.db = db;
	}

	@Override
	public void record(final int round, final String strategy,
		final List<SuggestionRecord> suggestions)
	{
		if (strategy == null || strategy.isBlank()) throw new IllegalArgumentException(
			"strategy name is empty");
		db.write(c -> {
			try (var ps = c.prepareStatement("DELETE FROM query_rounds WHERE round = ?")) {
				ps.setInt(1, round);
				ps.executeUpdate();
			}
			insert(c, round, strategy, suggestions);
			return null;
		});
	}

	@Override
	public int recordNext(final String strategy,
		final List<SuggestionRecord> suggestions)
	{
		if (strategy == null || strategy.isBlank()) throw new IllegalArgumentException(
			"strategy name is empty");
		return db.write(c -> {
			final int round;
			try (var st = c.createStatement();
					var rs = st.executeQuery("SELECT COALESCE(MAX(round), 0) + 1 FROM query_rounds"))
			{
				rs.next();
				round = rs.getInt(1);
			}
			insert(c, round, strategy, suggestions);
			return round;
		});
	}

	private static void insert(final Connection c, final int round,
		final String strategy, final List<SuggestionRecord> suggestions)
		throws SQLException
	{
		{
			try (var ps = c.prepareStatement(
				"INSERT INTO query_rounds (round, strategy, created) VALUES (?, ?, ?)"))
			{
				ps.setInt(1, round);
				ps.setString(2, strategy);
				ps.setLong(3, System.currentTimeMillis());
				ps.executeUpdate();
			}
			try (var ps = c.prepareStatement("INSERT INTO suggestions (round, rank, " +
				"patch_id, entropy, margin, bald, typicality, novelty, combined) " +
				"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))
			{
				for (final SuggestionRecord s : suggestions) {
					ps.setInt(1, round);
					ps.setInt(2, s.rank());
					ps.setInt(3, s.patchId());
					final StreamScores sc = s.scores() == null ? new StreamScores(null,
						null, null, null, null, null) : s.scores();
					setDouble(ps, 4, sc.entropy());
					setDouble(ps, 5, sc.margin());
					setDouble(ps, 6, sc.bald());
					setDouble(ps, 7, sc.typicality());
					setDouble(ps, 8, sc.novelty());
					setDouble(ps, 9, sc.combined());
					ps.addBatch();
				}
				ps.executeBatch();
			}
		}
	}

	@Override
	public Optional<QueryRound> round(final int round) {
		return db.read(c -> load(c, round));
	}

	@Override
	public Optional<QueryRound> latest() {
		return db.read(c -> {
			try (var st = c.createStatement();
					var rs = st.executeQuery("SELECT MAX(round) FROM query_rounds"))
			{
				rs.next();
				final int round = rs.getInt(1);
				return rs.wasNull() ? Optional.<QueryRound> empty() : load(c, round);
			}
		});
	}

	@Override
	public List<Integer> rounds() {
		return db.read(c -> {
			final List<Integer> rounds = new ArrayList<>();
			try (var st = c.createStatement();
					var rs = st.executeQuery("SELECT round FROM query_rounds ORDER BY round"))
			{
				while (rs.next())
					rounds.add(rs.getInt(1));
			}
			return rounds;
		});
	}

	private static Optional<QueryRound> load(final Connection c, final int round)
		throws SQLException
	{
		final String strategy;
		final long created;
		try (var ps = c.prepareStatement(
			"SELECT strategy, created FROM query_rounds WHERE round = ?"))
		{
			ps.setInt(1, round);
			try (var rs = ps.executeQuery()) {
				if (!rs.next()) return Optional.empty();
				strategy = rs.getString(1);
				created = rs.getLong(2);
			}
		}
		final List<SuggestionRecord> list = new ArrayList<>();
		try (var ps = c.prepareStatement("SELECT rank, patch_id, entropy, margin, " +
			"bald, typicality, novelty, combined FROM suggestions WHERE round = ? ORDER BY rank"))
		{
			ps.setInt(1, round);
			try (var rs = ps.executeQuery()) {
				while (rs.next())
					list.add(new SuggestionRecord(rs.getInt(2), rs.getInt(1),
						new StreamScores(getDouble(rs, 3), getDouble(rs, 4), getDouble(rs,
							5), getDouble(rs, 6), getDouble(rs, 7), getDouble(rs, 8))));
			}
		}
		return Optional.of(new QueryRound(round, strategy, Instant.ofEpochMilli(
			created), List.copyOf(list)));
	}

	private static void setDouble(final PreparedStatement ps, final int i,
		final Double v) throws SQLException
	{
		// NB: SQLite stores NaN as NULL; keep that explicit.
		if (v == null || v.isNaN()) ps.setNull(i, Types.REAL);
		else ps.setDouble(i, v);
	}

	private static Double getDouble(final ResultSet rs, final int i)
		throws SQLException
	{
		final double v = rs.getDouble(i);
		return rs.wasNull() ? null : v;
	}
}
