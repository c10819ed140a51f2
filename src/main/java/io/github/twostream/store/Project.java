package io.github.twostream.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.twostream.util.UserException;
import io.github.twostream.volume.PatchGrid;

/**
 * An active-learning project: a folder with one SQLite database
 * ({@value #DATABASE}) and a {@value #MODELS} subfolder for model files.
 * <p>
 * The database holds the image reference, the patch grid, the labels with
 * their undo log, the query history, the model versions and the encoder
 * embeddings. Every write is a durable transaction, so a crash (or a killed
 * Fiji) never loses or tears a committed label. One {@code Project} holds one
 * connection; its methods are thread-safe.
 * </p>
 */
public final class Project implements AutoCloseable {

	/** The database's file name inside the project folder. */
	public static final String DATABASE = "project.db";
	/** The model files' subfolder. */
	public static final String MODELS = "models";

	private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(
		StandardCharsets.US_ASCII);

	private final Path dir;
	private final Db db;
	private volatile ImageRef image;
	private final GridSpec gridSpec;
	private final PatchGrid grid;
	private final Labels labels;
	private final Queries queries;
	private final Models models;
	private final Embeddings embeddings;
	private final AnnotationLog annotationLog;

	private Project(final Path dir, final Db db, final ImageRef image,
		final GridSpec gridSpec)
	{
		this.dir = dir;
		this.db = db;
		this.image = image;
		this.gridSpec = gridSpec;
		this.grid = gridSpec.toGrid(image);
		this.labels = new DefaultLabels(db, grid::size, gridSpec.patchSize() *
			gridSpec.patchSize());
		this.queries = new DefaultQueries(db);
		this.models = new DefaultModels(db);
		this.embeddings = new DefaultEmbeddings(db);
		this.annotationLog = new DefaultAnnotationLog(db);
	}

	// -- Create and open --

	/**
	 * Creates a project in a new or empty folder and opens it.
	 *
	 * @throws UserException if the folder is not empty, already a project,
	 *           read-only, or the grid does not fit the image
	 */
	public static Project create(final Path dir, final ImageRef image,
		final GridSpec gridSpec)
	{
		gridSpec.toGrid(image); // NB: a clear error for a bad grid before any file is made
		if (Files.exists(dir)) {
			if (!Files.isDirectory(dir)) throw new UserException(dir +
				" is a file, not a folder", "choose a new folder for the project");
			if (Files.exists(dir.resolve(DATABASE))) throw new UserException(dir +
				" already holds a project", "open it, or choose a new folder");
			if (!isEmpty(dir)) throw new UserException("The folder " + dir +
				" exists and is not a project", "choose a new or empty folder");
		}
		else {
			try {
				Files.createDirectories(dir);
			}
			catch (final IOException e) {
				throw new UserException("Cannot create the folder " + dir + " (" + e
					.getMessage() + ")", "choose a folder where you may write", e);
			}
		}
		checkWritable(dir);
		// NB: build the database under a temporary name and rename it when
		// complete: a crash during creation never leaves a half-made project.db.
		final Path tmp = dir.resolve(DATABASE + ".creating");
		final Path file = dir.resolve(DATABASE);
		try {
			deleteDatabase(tmp);
			try (Db fresh = Db.open(tmp, true)) {
				fresh.plain(c -> {
					try (Statement s = c.createStatement()) {
						s.execute("PRAGMA application_id = " + Db.APPLICATION_ID);
					}
					Migrations.migrate(c, Migrations.CURRENT);
					return null;
				});
				fresh.write(c -> {
					try (var ps = c.prepareStatement("INSERT INTO project (id, " +
						"image_spec, fingerprint, width, height, depth, bit_depth, " +
						"patch_size, stride, created) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
					{
						ps.setString(1, image.spec());
						ps.setString(2, image.fingerprint());
						ps.setInt(3, image.width());
						ps.setInt(4, image.height());
						ps.setInt(5, image.depth());
						ps.setInt(6, image.bitDepth());
						ps.setInt(7, gridSpec.patchSize());
						ps.setInt(8, gridSpec.stride());
						ps.setLong(9, System.currentTimeMillis());
						ps.executeUpdate();
					}
					return null;
				});
			}
			AtomicFiles.move(tmp, file);
			Files.createDirectories(dir.resolve(MODELS));
		}
		catch (final SQLException | IOException e) {
			throw new UserException("Cannot create the project in " + dir + " (" + e
				.getMessage() + ")", "check the folder is writable and the disk not full",
				e);
		}
		return open(dir);
	}

	/**
	 * Opens an existing project, upgrading its schema if it was made by an older
	 * version.
	 *
	 * @throws UserException if the folder is not a project, is read-only, or
	 *           was written by a newer version
	 */
	public static Project open(final Path dir) {
		if (!Files.isDirectory(dir)) throw new UserException(Files.exists(dir)
			? dir + " is a file, not a project folder"
			: "The project folder " + dir + " does not exist",
			"give the folder made by 'twostream init'");
		final Path file = dir.resolve(DATABASE);
		if (!Files.isRegularFile(file)) throw new UserException("The folder " +
			dir + " is not a Two-Stream project (it has no " + DATABASE + ")",
			"give the folder made by 'twostream init', or create a project there");
		checkHeader(file);
		checkWritable(dir);
		if (!Files.isWritable(file)) throw readOnly(file);
		Db db = null;
		try {
			db = Db.open(file, false);
			final Db d = db;
			final Project p = db.plain(c -> {
				checkApplicationId(c, file);
				final int version = Migrations.version(c);
				if (version > Migrations.CURRENT) throw new UserException(file +
					" was written by a newer version of Two-Stream AL (schema " +
					version + "; this version reads up to " + Migrations.CURRENT + ")",
					"update the Two-Stream AL plugin");
				Migrations.migrate(c, Migrations.CURRENT);
				return load(dir, d, c);
			});
			Files.createDirectories(dir.resolve(MODELS));
			return p;
		}
		catch (final SQLException e) {
			if (db != null) db.close();
			throw new UserException("Cannot open the project database " + file +
				" (" + e.getMessage() + ")", "check that it is a Two-Stream project and not damaged", e);
		}
		catch (final IOException | RuntimeException e) {
			if (db != null) db.close();
			if (e instanceof RuntimeException re) throw re;
			throw new UserException("Cannot create " + dir.resolve(MODELS) + " (" + e
				.getMessage() + ")", "check the project folder is writable", e);
		}
	}

	private static Project load(final Path dir, final Db db, final Connection c)
		throws SQLException
	{
		try (Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT image_spec, fingerprint, width, " +
					"height, depth, bit_depth, patch_size, stride FROM project WHERE id = 1"))
		{
			if (!rs.next()) throw new UserException("The project database in " +
				dir + " has no project record", "restore project.db from a backup");
			final ImageRef image = new ImageRef(rs.getString(1), rs.getString(2), rs
				.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
			final GridSpec grid = new GridSpec(rs.getInt(7), rs.getInt(8));
			return new Project(dir, db, image, grid);
		}
	}

	// -- Accessors --

	/** The project folder. */
	public Path dir() {
		return dir;
	}

	/** The folder for model files ({@value #MODELS}). */
	public Path modelsDir() {
		return dir.resolve(MODELS);
	}

	/** A model version's checkpoint as an absolute path. */
	public Path checkpointPath(final ModelVersion version) {
		return dir.resolve(version.checkpoint()).toAbsolutePath().normalize();
	}

	/** The labelled image as recorded (spec, fingerprint, dimensions). */
	public ImageRef image() {
		return image;
	}

	public GridSpec gridSpec() {
		return gridSpec;
	}

	/** The project's patch grid (all patches of the image). */
	public PatchGrid grid() {
		return grid;
	}

	public Labels labels() {
		return labels;
	}

	public Queries queries() {
		return queries;
	}

	public Models models() {
		return models;
	}

	public Embeddings embeddings() {
		return embeddings;
	}

	/** Annotation seconds per accepted patch and skipped suggestions. */
	public AnnotationLog annotationLog() {
		return annotationLog;
	}

	/** The database's schema version. */
	public int schemaVersion() {
		return db.plain(Migrations::version);
	}

	// -- Image checks --

	/**
	 * Checks that the image is still the one the project was made for.
	 *
	 * @param currentFingerprint the fingerprint of the file at
	 *          {@code image().spec()} now, as computed by the volume layer
	 * @throws UserException if it differs
	 */
	public void checkImage(final String currentFingerprint) {
		if (image.fingerprint().equals(currentFingerprint)) return;
		throw new UserException("The image " + image.spec() +
			" has changed or moved since the project was made (its fingerprint differs)",
			"relink the project to the original image (same " + image.shape() +
				") with 'twostream relink PROJECT IMAGE'");
	}

	/**
	 * Points the project at the image's new location (or re-saved copy).
	 *
	 * @param moved the image at its new place, with its dimensions and current
	 *          fingerprint
	 * @throws UserException if its dimensions or bit depth differ
	 */
	public void relinkImage(final ImageRef moved) {
		if (!image.sameShape(moved)) throw new UserException("The image " + moved
			.spec() + " (" + moved.shape() + ") is not the project's image (" + image
				.shape() + ")", "relink to the same image at its new place");
		db.write(c -> {
			try (var ps = c.prepareStatement(
				"UPDATE project SET image_spec = ?, fingerprint = ? WHERE id = 1"))
			{
				ps.setString(1, moved.spec());
				ps.setString(2, moved.fingerprint());
				return ps.executeUpdate();
			}
		});
		image = new ImageRef(moved.spec(), moved.fingerprint(), image.width(), image
			.height(), image.depth(), image.bitDepth());
	}

	// -- Status --

	/**
	 * Every patch's status, indexed by patch id: labelled, suggested (in the
	 * latest query round and not labelled) or unlabelled.
	 */
	public List<PatchStatus> patchStatuses() {
		final PatchStatus[] status = new PatchStatus[grid.size()];
		Arrays.fill(status, PatchStatus.UNLABELLED);
		queries.latest().ifPresent(r -> r.suggestions().forEach(s -> {
			if (s.patchId() >= 0 && s.patchId() < status.length) status[s
				.patchId()] = PatchStatus.SUGGESTED;
		}));
		final Set<Integer> labelled = labels.labelledIds();
		for (final int id : labelled)
			if (id < status.length) status[id] = PatchStatus.LABELLED;
		return List.of(status);
	}

	/** {@code PRAGMA integrity_check}: "ok" or SQLite's list of problems. */
	public String integrityCheck() {
		return db.plain(c -> {
			final List<String> lines = new ArrayList<>();
			try (Statement s = c.createStatement();
					var rs = s.executeQuery("PRAGMA integrity_check"))
			{
				while (rs.next())
					lines.add(rs.getString(1));
			}
			return String.join("\n", lines);
		});
	}

	/** When the project was created. */
	public Instant created() {
		return db.read(c -> {
			try (Statement s = c.createStatement();
					var rs = s.executeQuery("SELECT created FROM project WHERE id = 1"))
			{
				rs.next();
				return Instant.ofEpochMilli(rs.getLong(1));
			}
		});
	}

	@Override
	public void close() {
		db.close();
	}

	// -- Helpers --

	/** True if the folder holds nothing but leftovers of a crashed {@link #create}. */
	private static boolean isEmpty(final Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.allMatch(f -> f.getFileName().toString().startsWith(DATABASE +
				".creating"));
		}
		catch (final IOException e) {
			throw new UserException("Cannot read the folder " + dir, "check its permissions", e);
		}
	}

	/**
	 * Throws a clear error unless files can be created in the folder.
	 * <p>
	 * NB: {@link Files#isWritable} alone is not enough (root ignores
	 * permissions, read-only mounts, ACLs), so we also try to create a file.
	 * </p>
	 */
	static void checkWritable(final Path dir) {
		boolean ok = Files.isWritable(dir);
		if (ok) {
			try {
				Files.delete(Files.createTempFile(dir, ".write-test", ".tmp"));
			}
			catch (final IOException | SecurityException e) {
				ok = false;
			}
		}
		if (!ok) throw readOnly(dir);
	}

	private static UserException readOnly(final Path path) {
		return new UserException(path + " is read-only",
			"copy the project to a folder where you may write, or fix its permissions");
	}

	/** Rejects files that are not SQLite or not ours, before SQLite opens them. */
	private static void checkHeader(final Path file) {
		final byte[] header = new byte[100];
		int n = 0;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(header, 0, header.length);
		}
		catch (final IOException e) {
			throw new UserException("Cannot read " + file + " (" + e.getMessage() +
				")", "check its permissions", e);
		}
		if (n < header.length || !Arrays.equals(header, 0, SQLITE_MAGIC.length,
			SQLITE_MAGIC, 0, SQLITE_MAGIC.length)) throw notOurs(file,
				"not an SQLite database");
		final int appId = ByteBuffer.wrap(header, 68, 4).getInt();
		if (appId != Db.APPLICATION_ID) throw notOurs(file,
			"an SQLite database of another program");
	}

	private static void checkApplicationId(final Connection c, final Path file)
		throws SQLException
	{
		try (Statement s = c.createStatement();
				var rs = s.executeQuery("PRAGMA application_id"))
		{
			if (!rs.next() || rs.getInt(1) != Db.APPLICATION_ID) throw notOurs(file,
				"an SQLite database of another program");
		}
	}

	private static UserException notOurs(final Path file, final String what) {
		return new UserException(file + " is not a Two-Stream project database (" +
			what + ")",
			"give the folder made by 'twostream init'; if it was one, restore project.db from a backup");
	}

	private static void deleteDatabase(final Path file) throws IOException {
		for (final String suffix : new String[] { "", "-wal", "-shm", "-journal" })
			Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
	}
}
