package io.github.twostream.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.twostream.util.UserException;

/** {@link Models} in the {@code models} table. */
final class DefaultModels implements Models {

	private static final String COLUMNS =
		"id, kind, architecture, checkpoint, training_steps, labelled_count, device, metrics, created";

	private final Db db;

	DefaultModels(final Db db) {
		this.db = db;
	}

	@Override
	public ModelVersion add(final ModelVersion v) {
		final Instant created = v.created() == null ? Instant.now() : v.created();
		final long id = db.write(c -> {
			try (var ps = c.prepareStatement("INSERT INTO models (kind, architecture, " +
				"checkpoint, training_steps, labelled_count, device, metrics, created) " +
				"VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
			{
				ps.setString(1, v.kind().key());
				ps.setString(2, v.architecture());
				ps.setString(3, v.checkpoint());
				ps.setLong(4, v.trainingSteps());
				ps.setInt(5, v.labelledCount());
				ps.setString(6, v.device());
				ps.setString(7, v.metrics());
				ps.setLong(8, created.toEpochMilli());
				ps.executeUpdate();
			}
			try (var st = c.createStatement();
					var rs = st.executeQuery("SELECT last_insert_rowid()"))
			{
				rs.next();
				return rs.getLong(1);
			}
		});
		return new ModelVersion(id, v.kind(), v.architecture(), v.checkpoint(), v
			.trainingSteps(), v.labelledCount(), v.device(), v.metrics(), Instant
				.ofEpochMilli(created.toEpochMilli()));
	}

	@Override
	public Optional<ModelVersion> get(final long id) {
		return db.read(c -> first(query(c, "SELECT " + COLUMNS +
			" FROM models WHERE id = ?", id)));
	}

	@Override
	public Optional<ModelVersion> latest(final ModelKind kind) {
		return db.read(c -> first(query(c, "SELECT " + COLUMNS +
			" FROM models WHERE kind = ? ORDER BY id DESC LIMIT 1", kind.key())));
	}

	@Override
	public List<ModelVersion> all(final ModelKind kind) {
		return db.read(c -> query(c, "SELECT " + COLUMNS +
			" FROM models WHERE kind = ? ORDER BY id", kind.key()));
	}

	private static Optional<ModelVersion> first(final List<ModelVersion> list) {
		return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
	}

	private static List<ModelVersion> query(final Connection c, final String sql,
		final Object arg) throws SQLException
	{
		final List<ModelVersion> list = new ArrayList<>();
		try (var ps = c.prepareStatement(sql)) {
			ps.setObject(1, arg);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					try {
						list.add(new ModelVersion(rs.getLong(1), ModelKind.of(rs.getString(
							2)), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6),
							rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(
								9))));
					}
					catch (final IllegalArgumentException e) {
						// NB: only an edited or damaged database gets here
						throw new UserException("Model version " + rs.getLong(1) +
							" in the project database has a checkpoint path that leaves " +
							"the project (" + rs.getString(4) + ")",
							"the database was edited or damaged; restore project.db from a backup");
					}
				}
			}
		}
		return list;
	}
}
