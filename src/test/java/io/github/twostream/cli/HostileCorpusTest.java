package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;

/**
 * The hostile-input corpus of issue 14 against the real CLI: output paths
 * that are the project's own files or inputs, TIFFs whose page chain loops,
 * masks without the foreground value, nonsense arguments, images and
 * checkpoints from elsewhere, leftovers. Every case must end in exit 0 with
 * the right result, or in one line naming the problem and the fix with the
 * right exit code (2 bad arguments, 1 bad input/state), within a time limit
 * (no hang), without a stack trace; after every case the project passes
 * integrity_check and holds every acknowledged label byte for byte. The
 * tally is printed and written to target/hostile-corpus.txt.
 */
class HostileCorpusTest {

	static final Path TEST_DATA = Path.of("test-data");

	@TempDir
	Path dir;

	Path image, labels, project;
	Map<Integer, byte[]> acknowledged;
	final Map<String, Integer> tally = new LinkedHashMap<>(Map.of("message", 0,
		"result", 0));
	final List<String> lines = new ArrayList<>();

	/** One case: exit code, a substring of stderr (error) or stdout (result). */
	void expect(final int code, final String text, final String... args) {
		final Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(120),
			() -> Cli.run(args), "hang: " + String.join(" ", args));
		final String what = String.join(" ", args);
		assertEquals(code, r.code(), what + "\n" + r.out() + r.err());
		assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"),
			"trace: " + what + "\n" + r.err());
		assertFalse(r.err().contains("internal error"), what + "\n" + r.err());
		if (code == 0) assertTrue(r.out().contains(text) || r.err().contains(text),
			what + "\n" + r.out() + r.err());
		else {
			final List<String> err = r.err().strip().lines().toList();
			assertEquals(1, err.size(), what + "\n" + r.err());
			assertTrue(err.get(0).contains(text), what + "\n" + r.err());
			if (code == 1) assertTrue(err.get(0).contains(" -- "), "names a fix: " +
				err.get(0));
		}
		assertIntact(what);
		tally.merge(code == 0 ? "result" : "message", 1, Integer::sum);
		lines.add(code + "\t" + what.replace(dir.toString(), "$T") + "\t" + (code == 0
			? "ok" : r.err().strip()).replace(dir.toString(), "$T"));
	}

	void assertIntact(final String after) {
		try (Project p = Project.open(project)) {
			assertEquals("ok", p.integrityCheck(), after);
			assertEquals(acknowledged.keySet(), p.labels().labelledIds(), after);
			for (final var e : acknowledged.entrySet())
				assertArrayEquals(e.getValue(), p.labels().get(e.getKey()).map(
					PatchLabel::mask).orElseThrow(), after + ": patch " + e.getKey());
		}
	}

	String p(final String name) {
		return project.resolve(name).toString();
	}

	String d(final String name) {
		return dir.resolve(name).toString();
	}

	@Test
	void corpus() throws Exception {
		image = dir.resolve("em.tif");
		labels = dir.resolve("labels.tif");
		Files.copy(TEST_DATA.resolve("train-volume.tif"), image);
		Files.copy(TEST_DATA.resolve("train-labels.tif"), labels);
		project = dir.resolve("proj");
		assertEquals(0, Cli.run("init", project.toString(), "--image", image
			.toString()).code());
		assertEquals(0, Cli.run("label", project.toString(), "--mask", labels
			.toString(), "--patches", "0,5,17").code());
		acknowledged = new LinkedHashMap<>();
		try (Project q = Project.open(project)) {
			for (final int id : q.labels().labelledIds())
				acknowledged.put(id, q.labels().get(id).orElseThrow().mask());
		}
		final String P = project.toString();

		// 1. outputs that are the project's own files or its inputs
		Files.createSymbolicLink(dir.resolve("db-link.tif"), project.resolve(
			Project.DATABASE));
		Files.createSymbolicLink(dir.resolve("proj-link"), project);
		Files.createLink(dir.resolve("image-hardlink.tif"), image);
		final List<String> own = List.of(p("project.db"), p("project.db-wal"), p(
			"project.db-shm"), p("project.db-gen"), p("./project.db"), p(
				"models/../project.db"), p("PROJECT.DB"), p("models"), p("models/x.tif"),
			d("db-link.tif"), d("proj-link/project.db"), image.toString(), d(
				"image-hardlink.tif"), P);
		for (final String cmd : List.of("export-labels", "score", "predict",
			"export-embeddings"))
			for (final String out : own)
				expect(1, "Refusing to write ", cmd, P, "--out", out);
		expect(1, "Refusing to write --out", "predict", P, "--image", labels
			.toString(), "--out", labels.toString());
		expect(1, "Refusing to write --out", "suggest", P, "--out", p("models"));
		expect(1, "Refusing to write --out", "suggest", P, "--out", p(
			"models/round"));
		expect(1, "Refusing to write --out", "simulate", "--image", image
			.toString(), "--labels", labels.toString(), "--test-image", image
				.toString(), "--test-labels", labels.toString(), "--out", image
					.toString(), "--quick");
		expect(0, "Wrote 3 labelled patches", "export-labels", P, "--out", d(
			"out/labels.tif"));

		// 2. TIFFs whose page chain loops or points outside the file
		final Path small = dir.resolve("small.tif");
		final ImageStack st = new ImageStack(32, 32);
		for (int z = 0; z < 3; z++)
			st.addSlice(new ByteProcessor(32, 32));
		IJ.saveAsTiff(new ImagePlus("s", st), small.toString());
		final Path loop = patchNext(small, "loop.tif", -1, true);
		final Path selfLoop = patchNext(small, "self.tif", 0, true);
		final Path outside = patchFirst(small, "outside.tif", Integer.MAX_VALUE);
		for (final Path bad : List.of(loop, selfLoop)) {
			expect(1, "page chain loops", "info", bad.toString());
			expect(1, "page chain loops", "init", d("new-" + bad.getFileName()),
				"--image", bad.toString());
			expect(1, "page chain loops", "label", P, "--mask", bad.toString(),
				"--patches", "1");
			expect(1, "page chain loops", "relink", P, bad.toString());
		}
		expect(1, "outside the file", "info", outside.toString());
		expect(1, "outside the file", "init", d("new-outside"), "--image", outside
			.toString());
		assertFalse(Files.exists(dir.resolve("new-loop.tif")));

		// 3. masks without the foreground value
		final Path zeroOne = mapped(labels, "zero-one.tif", v -> v == 255 ? 1 : 0);
		final Path zero128 = mapped(labels, "zero-128.tif", v -> v == 255 ? 128
			: 0);
		final Path allZero = mapped(labels, "all-zero.tif", v -> 0);
		expect(1, "holds the values 0, 1 but not the foreground value 255",
			"label", P, "--mask", zeroOne.toString(), "--patches", "1,2");
		expect(1, "--foreground 1", "label", P, "--mask", zeroOne.toString(),
			"--patches", "3");
		expect(1, "holds the values 0, 128", "label", P, "--mask", zero128
			.toString(), "--patches", "1");
		expect(1, "--foreground 128", "label", P, "--mask", zero128.toString(),
			"--patches", "1", "--foreground", "7");
		for (final String fg : List.of("256", "-1", "1000"))
			expect(2, "is not a label value", "label", P, "--mask", labels
				.toString(), "--patches", "1", "--foreground", fg);
		expect(2, "is not a label value", "simulate", "--image", image.toString(),
			"--labels", labels.toString(), "--test-image", image.toString(),
			"--test-labels", labels.toString(), "--out", d("sim"), "--foreground",
			"300");
		expect(1, "but not the foreground value 7", "simulate", "--image", image
			.toString(), "--labels", labels.toString(), "--test-image", image
				.toString(), "--test-labels", labels.toString(), "--out", d("sim"),
			"--foreground", "7", "--quick");
		// correct results: the right --foreground, and a single-valued mask
		final Path scratch = dir.resolve("scratch");
		assertEquals(0, Cli.run("init", scratch.toString(), "--image", image
			.toString()).code());
		expectOn(scratch, 0, "Labelled 1 patches", "label", scratch.toString(),
			"--mask", zeroOne.toString(), "--patches", "5", "--foreground", "1");
		expectOn(scratch, 0, "Labelled 1 patches", "label", scratch.toString(),
			"--mask", allZero.toString(), "--patches", "6");
		try (Project q = Project.open(scratch)) {
			// the 0/1 mask with --foreground 1 equals the 0/255 mask with 255
			assertArrayEquals(acknowledged.get(5), q.labels().get(5).orElseThrow()
				.mask());
		}

		// 4. accepted nonsense: bad arguments exit 2 with one line
		// NB: --steps 0 is the automatic budget (issue 12), so only negatives
		for (final String steps : List.of("-1", "-5"))
			expect(2, "--steps must be at least 0", "train", P, "--steps", steps);
		for (final String patch : List.of("3", "0", "-64", "8", "18"))
			expect(2, "Patch size " + patch + " cannot be used", "init", d("p" +
				patch), "--image", image.toString(), "--patch", patch);
		expect(2, "smaller than one 512 x 512 patch", "init", d("p512"), "--image",
			image.toString(), "--patch", "512");
		for (final String stride : List.of("0", "65", "-1"))
			expect(2, "Stride " + stride, "init", d("s" + stride), "--image", image
				.toString(), "--stride", stride);
		for (final String e : List.of("0", "-1"))
			expect(2, "--epochs must be at least 1", "train-encoder", P, "--epochs",
				e, "--retrain");
		for (final String passes : List.of("-1", "101"))
			expect(2, "--passes must be", "score", P, "--passes", passes);
		expect(2, "MC passes -1", "suggest", P, "--passes", "-1");
		expect(2, "k = 0", "suggest", P, "--k", "0");
		expect(2, "Unknown acquisition strategy", "suggest", P, "--strategy",
			"nosuch");
		expect(2, "--seeds must be at least 1", "simulate", "--image", image
			.toString(), "--labels", labels.toString(), "--test-image", image
				.toString(), "--test-labels", labels.toString(), "--out", d("sim"),
			"--seeds", "0");
		expect(2, "Invalid value", "train", P, "--steps", "abc");
		expect(2, "Unknown option", "train", P, "--stepz", "3");
		expect(2, "Missing required", "export-labels", P);
		expect(2, "Missing required parameter", "relink", P);
		expect(2, "Unmatched argument", "info", image.toString(), "extra");

		// 6. project state: missing, not a project, a file, a backup next to a
		// stale log
		expect(1, "does not exist", "patches", d("nowhere"));
		expect(1, "is not a Two-Stream project", "patches", dir.toString());
		expect(1, "is a file", "patches", image.toString());
		final Path notDb = Files.createDirectories(dir.resolve("notdb"));
		Files.writeString(notDb.resolve(Project.DATABASE), "hello");
		expect(1, "not an SQLite database", "patches", notDb.toString());
		expect(1, "already holds a project", "init", P, "--image", image
			.toString());
		expect(0, "Backed up", "backup", P, d("backup"));
		expect(1, "already exists", "backup", P, d("backup"));
		expect(1, "Refusing to write backup", "backup", P, p("models/b"));

		// 5. trust boundaries: relink, checkpoints
		final Path changed = mapped(image, "changed.tif", v -> 255 - v);
		expect(1, "is not the project's image", "relink", P, labels.toString());
		expect(1, "is not the project's image", "relink", P, changed.toString());
		expect(1, "is not the project's image", "relink", P, TEST_DATA.resolve(
			"test-volume.tif").toAbsolutePath().toString());
		final Path movedImage = dir.resolve("moved/em.tif");
		Files.createDirectories(movedImage.getParent());
		Files.copy(image, movedImage);
		expect(0, "now uses", "relink", P, movedImage.toString());
		expect(0, "now uses", "relink", P, image.toString());
		final Path foreign = Files.createDirectories(project.resolve(
			"models/task-foreign"));
		Files.writeString(foreign.resolve(Project.CHECKPOINT_OWNER),
			"00000000-0000-0000-0000-000000000000");
		try (Project q = Project.open(project)) {
			q.models().add(ModelVersion.of(ModelKind.TASK, "{}",
				"models/task-foreign", 1, 3, "CPU", "{}"));
		}
		expect(1, "belongs to another project", "predict", P, "--out", d(
			"prob.tif"));
		expect(1, "belongs to another project", "score", P);
		// an edited database: a checkpoint path that leaves the project
		sql("UPDATE models SET checkpoint = '../../etc' WHERE checkpoint = 'models/task-foreign'");
		expect(1, "has a checkpoint path that leaves the project", "predict", P,
			"--out", d("prob.tif"));
		expect(1, "has a checkpoint path that leaves the project", "train", P,
			"--steps", "1");
		sql("UPDATE models SET checkpoint = 'models/task-foreign' WHERE checkpoint = '../../etc'");
		Files.createSymbolicLink(project.resolve("models/task-link"), dir);
		try (Project q = Project.open(project)) {
			q.models().add(ModelVersion.of(ModelKind.TASK, "{}", "models/task-link",
				1, 3, "CPU", "{}"));
		}
		expect(1, "outside the project's models folder", "score", P);
		expect(1, "problem(s) in", "check", P);

		// 7. leftovers: temporary files and folders of killed runs
		final Path stale = Files.createFile(dir.resolve("out/.labels.tif.123.tmp"));
		Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(
			Duration.ofHours(2))));
		expect(0, "Wrote 3 labelled patches", "export-labels", P, "--out", d(
			"out/labels.tif"));
		assertFalse(Files.exists(stale), "a killed export's stale temp file is gone");
		Files.createDirectories(project.resolve("models/.task-x123"));
		Files.createFile(project.resolve(".project.db-gen456.tmp"));
		Files.delete(project.resolve("models/task-link"));
		expect(1, "problem(s) in", "check", P);
		final Cli.Run clean = Cli.run("check", P, "--clean");
		assertTrue(clean.out().contains("removed  " + project.resolve(
			"models/.task-x123")), clean.out());
		assertFalse(Files.exists(project.resolve("models/.task-x123")));
		assertFalse(Files.exists(project.resolve(".project.db-gen456.tmp")));
		expect(0, "is sound", "check", d("backup"));
		expect(0, "labels with a valid checksum: 3", "check", d("backup"));

		final int total = tally.values().stream().mapToInt(Integer::intValue).sum();
		final String summary = "hostile corpus: " + total + " cases, " + tally.get(
			"message") + " clear message, " + tally.get("result") +
			" correct result, 0 hang, 0 trace, 0 lost data";
		System.out.println(summary);
		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target", "hostile-corpus.txt"), (summary + "\n" +
			String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
		assertTrue(total >= 100, summary);
	}

	/** Edits the project database behind the tool's back, as a user might. */
	void sql(final String statement) throws Exception {
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project
			.resolve(Project.DATABASE));
				Statement s = c.createStatement())
		{
			s.executeUpdate(statement);
		}
	}

	/** {@link #expect} on another project (the main one is checked too). */
	void expectOn(final Path other, final int code, final String text,
		final String... args)
	{
		expect(code, text, args);
		try (Project q = Project.open(other)) {
			assertEquals("ok", q.integrityCheck());
		}
	}

	/** A copy of an 8-bit TIFF with every value mapped. */
	static Path mapped(final Path src, final String name,
		final java.util.function.IntUnaryOperator f)
	{
		final ImagePlus imp = IJ.openImage(src.toString());
		final ImageStack s = imp.getStack();
		for (int z = 1; z <= s.getSize(); z++) {
			final byte[] px = (byte[]) s.getPixels(z);
			for (int i = 0; i < px.length; i++)
				px[i] = (byte) f.applyAsInt(px[i] & 0xff);
		}
		final Path out = src.resolveSibling(name);
		IJ.saveAsTiff(imp, out.toString());
		return out;
	}

	/**
	 * A copy of a classic TIFF whose IFD number {@code from} (-1: the last)
	 * points back to the first IFD.
	 */
	static Path patchNext(final Path src, final String name, final int from,
		final boolean toFirst) throws Exception
	{
		final byte[] b = Files.readAllBytes(src);
		final ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'I'
			? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		final int first = buf.getInt(4);
		int ifd = first, index = 0, nextAt;
		while (true) {
			nextAt = ifd + 2 + 12 * (buf.getShort(ifd) & 0xffff);
			final int next = buf.getInt(nextAt);
			if (index == from || next == 0) break;
			ifd = next;
			index++;
		}
		buf.putInt(nextAt, toFirst ? first : 0);
		final Path out = src.resolveSibling(name);
		Files.write(out, b);
		return out;
	}

	/** A copy whose first-IFD offset is {@code offset}. */
	static Path patchFirst(final Path src, final String name, final int offset)
		throws Exception
	{
		final byte[] b = Files.readAllBytes(src);
		ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN
			: ByteOrder.BIG_ENDIAN).putInt(4, offset);
		final Path out = src.resolveSibling(name);
		Files.write(out, b);
		return out;
	}
}
