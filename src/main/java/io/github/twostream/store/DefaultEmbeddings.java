package io.github.twostream.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** {@link Embeddings} in the {@code embeddings} table, one BLOB per patch. */
final class DefaultEmbeddings implements Embeddings {

	/** Rows per JDBC batch (between progress reports and cancel checks). */
	static final int BATCH = 1024;

	private final Db db;

	DefaultEmbeddings(final Db db) {
		this.db = db;
	}

	@Override
	public void put(final long encoderId, final float[][] vectors,
		final Progress progress)
	{
		if (vectors.length == 0) throw new IllegalArgumentException("no embeddings");
		final int dim = vectors[0].length;
		for (final float[] v : vectors)
			if (v.length != dim) throw new IllegalArgumentException(
				"embeddings of different lengths: " + dim + " and " + v.length);
		progress.status("Storing embeddings");
		db.write(c -> {
			try (var ps = c.prepareStatement("SELECT kind FROM models WHERE id = ?")) {
				ps.setLong(1, encoderId);
				try (var rs = ps.executeQuery()) {
					if (!rs.next() || !ModelKind.ENCODER.key().equals(rs.getString(1)))
						throw new IllegalArgumentException("model " + encoderId +
							" is not a stored encoder");
				}
			}
			try (var ps = c.prepareStatement("DELETE FROM embeddings WHERE encoder_id = ?")) {
				ps.setLong(1, encoderId);
				ps.executeUpdate();
			}
			try (var ps = c.prepareStatement("INSERT INTO embeddings " +
				"(encoder_id, patch_id, dim, vector) VALUES (?, ?, ?, ?)"))
			{
				final ByteBuffer buf = ByteBuffer.allocate(4 * dim).order(
					ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < vectors.length; i++) {
					buf.clear();
					buf.asFloatBuffer().put(vectors[i]);
					ps.setLong(1, encoderId);
					ps.setInt(2, i);
					ps.setInt(3, dim);
					ps.setBytes(4, buf.array().clone());
					ps.addBatch();
					if ((i + 1) % BATCH == 0 || i == vectors.length - 1) {
						ps.executeBatch();
						progress.progress(i + 1, vectors.length);
						// NB: throwing rolls the whole set back.
						progress.checkCancelled();
					}
				}
			}
			return null;
		});
	}

	@Override
	public float[][] load(final long encoderId) {
		return db.read(c -> {
			final int n;
			try (var ps = c.prepareStatement(
				"SELECT COUNT(*), MAX(patch_id) FROM embeddings WHERE encoder_id = ?"))
			{
				ps.setLong(1, encoderId);
				try (var rs = ps.executeQuery()) {
					rs.next();
					n = rs.getInt(1);
					if (n == 0) throw new UserException("No embeddings of encoder " +
						encoderId + " in the project", "compute them with 'twostream train-encoder PROJECT'");
					if (rs.getInt(2) != n - 1) throw new UserException(
						"The embeddings of encoder " + encoderId + " are incomplete",
						"compute them again with 'twostream train-encoder PROJECT'");
				}
			}
			final float[][] out = new float[n][];
			try (var ps = c.prepareStatement("SELECT patch_id, dim, vector FROM " +
				"embeddings WHERE encoder_id = ? ORDER BY patch_id"))
			{
				ps.setLong(1, encoderId);
				try (var rs = ps.executeQuery()) {
					while (rs.next()) {
						final int id = rs.getInt(1);
						final int dim = rs.getInt(2);
						final byte[] b = rs.getBytes(3);
						if (b.length != 4 * dim) throw new UserException(
							"The stored embedding of patch " + id + " is corrupt",
							"compute the embeddings again with 'twostream train-encoder PROJECT'");
						out[id] = new float[dim];
						ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
							.get(out[id]);
					}
				}
			}
			return out;
		});
	}

	@Override
	public boolean has(final long encoderId) {
		return db.read(c -> {
			try (var ps = c.prepareStatement(
				"SELECT 1 FROM embeddings WHERE encoder_id = ? LIMIT 1"))
			{
				ps.setLong(1, encoderId);
				try (var rs = ps.executeQuery()) {
					return rs.next();
				}
			}
		});
	}

	@Override
	public void delete(final long encoderId) {
		db.write(c -> {
			try (var ps = c.prepareStatement("DELETE FROM embeddings WHERE encoder_id = ?")) {
				ps.setLong(1, encoderId);
				return ps.executeUpdate();
			}
		});
	}
}
