package io.github.twostream.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.StaleFiles;
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
	private final String uuid;
	private volatile ImageRef image;
	private final GridSpec gridSpec;
	private final PatchGrid grid;
	private final Labels labels;
	private final Queries queries;
	private final Models models;
	private final Embeddings embeddings;
	private final AnnotationLog annotationLog;

	private Project(final Path dir, final Db db, final String uuid,
		final ImageRef image, final GridSpec gridSpec)
	{
		this.dir = dir;
		this.db = db;
		this.uuid = uuid;
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
		final Path target = dir.toAbsolutePath().normalize();
		if (Files.exists(target)) {
			if (!Files.isDirectory(target)) throw new UserException(dir +
				" is a file, not a folder", "choose a new folder for the project");
			if (Files.exists(target.resolve(DATABASE))) throw new UserException(dir +
				" already holds a project", "open it, or choose a new folder");
			if (!isEmpty(target)) throw new UserException("The folder " + dir +
				" exists and is not a project", "choose a new or empty folder");
			checkWritable(target);
		}
		final Path parent = target.getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (final IOException e) {
			throw new UserException("Cannot create the folder " + parent + " (" + e
				.getMessage() + ")", "choose a folder where you may write", e);
		}
		checkWritable(parent);
		// NB: the whole project is built in a temporary sibling folder (database
		// checkpointed, log removed) and renamed into place once complete: a
		// full disk or a crash leaves no half project, and of two concurrent
		// inits exactly one wins the rename (the other's target is no longer
		// empty) while the loser says so and leaves nothing behind.
		Path tmp = null;
		try {
			tmp = Files.createTempDirectory(parent, "." + target.getFileName() +
				".creating-");
			build(tmp, image, gridSpec);
			clearLeftovers(target);
			for (int attempt = 1;; attempt++) {
				try {
					Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
					break;
				}
				catch (final IOException e) {
					if (Files.exists(target.resolve(DATABASE))) throw new UserException(
						dir + " already holds a project (made at the same time by " +
							"another command)", "open it, or choose a new folder");
					if (Files.exists(target) && !isEmpty(target)) throw new UserException(
						"The folder " + dir + " exists and is not a project",
						"choose a new or empty folder");
					// NB: "empty" but the rename failed: another init's write probe
					// (a file that lives for microseconds) was in the folder; retry
					if (attempt >= 20 || !Files.isDirectory(target)) throw e;
					sleep(5);
				}
			}
			AtomicFiles.fsync(parent, true);
		}
		catch (final SQLException | IOException e) {
			throw new UserException("Cannot create the project in " + dir + " (" + e
				.getMessage() + ")", "check the folder is writable and the disk not full; nothing was created",
				e);
		}
		finally {
			if (tmp != null) deleteQuietly(tmp);
		}
		return open(target);
	}

	/** Writes a complete project (database, models folder) into {@code folder}. */
	private static void build(final Path folder, final ImageRef image,
		final GridSpec gridSpec) throws SQLException, IOException
	{
		try {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(
				"rwxr-xr-x"));
		}
		catch (final UnsupportedOperationException e) {
			// not a POSIX file system
		}
		final Path file = folder.resolve(DATABASE);
		try (Db fresh = Db.open(file, true)) {
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
					"patch_size, stride, created, uuid) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
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
					ps.setString(10, UUID.randomUUID().toString());
					ps.executeUpdate();
				}
				return null;
			});
			if (!WalGenerations.checkpoint(fresh)) throw new IOException(
				"could not checkpoint the new database");
		}
		Files.createDirectories(folder.resolve(MODELS));
		AtomicFiles.fsync(file, false);
		AtomicFiles.fsync(folder, true);
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
		WalGenerations.checkBeforeOpen(file);
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
			WalGenerations.renew(db);
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
					"height, depth, bit_depth, patch_size, stride, uuid FROM project WHERE id = 1"))
		{
			if (!rs.next()) throw new UserException("The project database in " +
				dir + " has no project record", "restore project.db from a backup");
			final ImageRef image = new ImageRef(rs.getString(1), rs.getString(2), rs
				.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
			final GridSpec grid = new GridSpec(rs.getInt(7), rs.getInt(8));
			return new Project(dir, db, rs.getString(9), image, grid);
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

	/**
	 * A model version's checkpoint as an absolute path, checked: it must lie
	 * inside {@value #MODELS} (after resolving symbolic links) and, if it
	 * carries a {@value #CHECKPOINT_OWNER} file, belong to this project.
	 *
	 * @throws UserException if the checkpoint leaves the project, is missing
	 *           or belongs to another project
	 */
	public Path checkpointPath(final ModelVersion version) {
		final Path p = dir.resolve(version.checkpoint()).toAbsolutePath()
			.normalize();
		final String what = version.kind().key() + " model version " + version
			.id() + " (" + version.checkpoint() + ")";
		final Path models = OutputPaths.real(modelsDir());
		final Path real = OutputPaths.real(p);
		if (!real.startsWith(models) || real.equals(models)) throw new UserException(
			"The " + what + " lies outside the project's " + MODELS + " folder",
			"the project database was edited or the model folder is a link out of " +
				"the project; restore project.db from a backup or train again");
		if (!Files.isDirectory(real)) throw new UserException("The files of the " +
			what + " are missing from " + modelsDir(),
			"restore the project's models folder from a backup, or train again");
		final Path owner = real.resolve(CHECKPOINT_OWNER);
		if (Files.exists(owner)) {
			final String id;
			try {
				id = Files.readString(owner, StandardCharsets.UTF_8).trim();
			}
			catch (final IOException e) {
				throw new UserException("Cannot read " + owner + " (" + e
					.getMessage() + ")", "check the project's permissions", e);
			}
			if (!id.equals(uuid)) throw new UserException("The " + what +
				" belongs to another project (id " + id + ", this project is " + uuid +
				")", "do not copy checkpoints between projects; train this project's " +
					"own model ('twostream check PROJECT' lists such versions)");
		}
		return p;
	}

	/**
	 * The file each checkpoint folder holds with the id of its project
	 * ({@link #uuid()}).
	 */
	public static final String CHECKPOINT_OWNER = "project.id";

	/** The project's identity, a random UUID made at creation. */
	public String uuid() {
		return uuid;
	}

	/** The image's file (the spec without an HDF5 dataset). */
	public Path imageFile() {
		final String spec = image.spec();
		final int hash = spec.indexOf('#');
		return Path.of(hash < 0 ? spec : spec.substring(0, hash));
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

	/**
	 * Writes a consistent copy of the project into the new folder
	 * {@code target}: the database through SQLite ({@code VACUUM INTO}, safe
	 * while other programs use the project) with a fresh generation, so the
	 * copy can never be mistaken for the log's base, plus the model files.
	 * Built in a temporary folder and renamed when complete.
	 *
	 * @throws UserException if {@code target} exists or cannot be written
	 */
	public void backup(final Path target) {
		final Path abs = target.toAbsolutePath().normalize();
		if (Files.exists(abs)) throw new UserException("The backup folder " +
			target + " already exists", "give a new folder for the backup");
		OutputPaths.check(abs, "backup", this);
		Path tmp = null;
		try {
			Files.createDirectories(abs.getParent());
			tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() +
				".backup-");
			final Path copy = tmp.resolve(DATABASE);
			db.plain(c -> {
				try (var ps = c.prepareStatement("VACUUM INTO ?")) {
					ps.setString(1, copy.toString());
					ps.execute();
				}
				return null;
			});
			try (Db d = Db.open(copy, false)) {
				d.write(c -> {
					try (var ps = c.prepareStatement(
						"UPDATE project SET generation = ? WHERE id = 1"))
					{
						ps.setString(1, "backup-" + UUID.randomUUID());
						return ps.executeUpdate();
					}
				});
				WalGenerations.checkpoint(d);
			}
			copyTree(modelsDir(), tmp.resolve(MODELS));
			AtomicFiles.fsync(copy, false);
			Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
			AtomicFiles.fsync(abs.getParent(), true);
		}
		catch (final IOException | SQLException e) {
			throw new UserException("Cannot write the backup " + target + " (" + e
				.getMessage() + ")", "check free disk space and that the folder is writable; nothing was written",
				e);
		}
		finally {
			if (tmp != null) deleteQuietly(tmp);
		}
	}

	private static void copyTree(final Path from, final Path to)
		throws IOException
	{
		Files.createDirectories(to);
		if (!Files.isDirectory(from)) return;
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path f : (Iterable<Path>) s::iterator) {
				// NB: links are not followed out of the project
				if (Files.isSymbolicLink(f)) continue;
				final Path t = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(t);
				else Files.copy(f, t);
			}
		}
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
	/** Name prefix of the file {@link #checkWritable} creates and deletes. */
	private static final String WRITE_PROBE = ".write-test";

	private static void sleep(final long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UserException("Creating the project was interrupted",
				"run the command again");
		}
	}

	private static boolean isEmpty(final Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			// NB: another init's leftovers and its transient write probe do not count
			return s.allMatch(f -> f.getFileName().toString().startsWith(DATABASE +
				".creating") || f.getFileName().toString().startsWith(WRITE_PROBE));
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
				Files.delete(Files.createTempFile(dir, WRITE_PROBE, ".tmp"));
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

	/** Removes leftovers of an older crashed create from an empty folder. */
	private static void clearLeftovers(final Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return;
		try (Stream<Path> s = Files.list(dir)) {
			for (final Path f : (Iterable<Path>) s::iterator)
				if (f.getFileName().toString().startsWith(DATABASE + ".creating"))
					Files.deleteIfExists(f);
		}
	}

	private static void deleteQuietly(final Path tree) {
		try {
			StaleFiles.delete(tree);
		}
		catch (final IOException e) {
			// NB: a leftover temporary folder has a random name and blocks nothing
		}
	}
}
