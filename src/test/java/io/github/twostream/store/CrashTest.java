package io.github.twostream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's key promise: a committed label is never lost or torn.
 * <p>
 * A child JVM ({@link CrashWriter}) edits labels (puts, batches, removals,
 * undo, redo) and prints an ACK after each commit; we SIGKILL it at random
 * moments (during start-up and opening, during single edits, during heavy
 * batch writes), then reopen the project here and check the database's
 * integrity and every patch: it holds exactly its acknowledged state (or the
 * new state of the one edit in flight), byte for byte, never an older or torn
 * one. The number of kills is {@code -Dcrash.kills=N} (default 200).
 * </p>
 */
class CrashTest {

	private static final Pattern ACK = Pattern.compile("ACK (\\d+) (-?\\d+) \\.");
	private static final Pattern TRY = Pattern.compile("TRY (\\d+) (-?\\d+) \\.");
	/** Each child's sequence numbers start at a multiple of this. */
	private static final long SEQ_RANGE = 1_000_000;

	@TempDir
	Path tmp;

	@Test
	void committedLabelsSurviveSigkill() throws Exception {
		final int kills = Integer.getInteger("crash.kills", 200);
		final Path dir = tmp.resolve("project");
		final ImageRef image = new ImageRef("synthetic", "fp", 512, 512, 1, 8);
		try (Project p = Project.create(dir, image, new GridSpec(CrashMasks.SIZE,
			CrashMasks.SIZE)))
		{
			assertEquals(64, p.grid().size());
		}
		// Per patch: its durable state (label seq, -1 = none) as last verified.
		final long[] state = new long[64];
		Arrays.fill(state, -1);
		final List<String> jvm = childCommand();
		final Random rnd = new Random(42);
		int acked = 0, killedBeforeReady = 0, killedHeavy = 0;
		final long start = System.nanoTime();
		for (int k = 0; k < kills; k++) {
			final long firstSeq = (k + 1) * SEQ_RANGE;
			final String mode = k % 4 == 1 ? "heavy" : "mixed";
			final List<String> cmd = new ArrayList<>(jvm);
			cmd.addAll(List.of(CrashWriter.class.getName(), dir.toString(), Long
				.toString(firstSeq), Long.toString(rnd.nextLong()), mode));
			// NB: the child's stdout goes to a file, not a pipe: what the child
			// wrote before the kill is in the page cache and survives it, while a
			// pipe's unread bytes can be dropped when the JDK reaps a killed child.
			final Path out = tmp.resolve("child-" + k + ".out");
			final Process child = new ProcessBuilder(cmd).redirectOutput(out.toFile())
				.redirectError(tmp.resolve("child-stderr.txt").toFile()).start();
			final Report report = new Report(out);
			if (k % 10 == 0) {
				// Kill during JVM start-up / opening (WAL recovery of the last kill).
				Thread.sleep(rnd.nextInt(151));
			}
			else {
				if (!report.await(() -> report.ready, child)) fail("child did not start: " +
					Files.readString(tmp.resolve("child-stderr.txt")));
				if (mode.equals("heavy")) {
					report.await(() -> report.ackLines > 0, child);
					Thread.sleep(rnd.nextInt(21));
					killedHeavy++;
				}
				else Thread.sleep(rnd.nextInt(151));
			}
			report.poll();
			if (!report.ready) killedBeforeReady++;
			child.destroyForcibly(); // NB: SIGKILL on Linux
			assertTrue(child.waitFor(30, TimeUnit.SECONDS));
			if (child.exitValue() != 137) fail("child ended by itself (exit " + child
				.exitValue() + "): " + Files.readString(tmp.resolve("child-stderr.txt")));
			report.poll();
			acked += report.ackLines;
			verify(dir, state, report, firstSeq + SEQ_RANGE, k);
			Files.delete(out);
		}
		final double secs = (System.nanoTime() - start) / 1e9;
		System.out.printf(
			"CrashTest: %d SIGKILLs (%d before the child was ready, %d during heavy batches), " +
				"%d acknowledged label states, all intact; %.1f s%n", kills, killedBeforeReady,
			killedHeavy, acked, secs);
		assertTrue(acked > kills, "the children wrote too little to prove anything");
	}

	/**
	 * Reopens the project and checks integrity and every patch: it must hold
	 * exactly its last acknowledged state (or, for the one edit in flight at the
	 * kill, the new state), byte for byte. Updates {@code state}.
	 */
	private static void verify(final Path dir, final long[] state,
		final Report report, final long seqLimit, final int kill) throws Exception
	{
		try (Project p = Project.open(dir)) {
			assertEquals("ok", p.integrityCheck(), "after kill " + kill);
			for (int id = 0; id < state.length; id++) {
				final long acked = report.acked.getOrDefault(id, state[id]);
				final Long inFlight = report.pending.get(id);
				final Optional<PatchLabel> label = p.labels().get(id);
				final long seq = label.isEmpty() ? -1 : CrashMasks.seq(label.get().mask());
				if (seq != acked && (inFlight == null || seq != inFlight)) fail("kill " +
					kill + ": patch " + id + " holds " + describe(seq) +
					", but the acknowledged state is " + describe(acked) + (inFlight == null
						? "" : " (in flight: " + describe(inFlight) + ")") +
					"; the child's lines: " + report.history(id));
				if (label.isPresent()) {
					assertTrue(seq < seqLimit, "kill " + kill + ": bogus seq " + seq);
					assertArrayEquals(CrashMasks.mask(id, seq), label.get().mask(),
						"kill " + kill + ": patch " + id + " seq " + seq + " is torn");
					assertEquals(CrashMasks.kind(seq), label.get().kind());
				}
				state[id] = seq; // NB: now durable, whether it was acknowledged or not
			}
		}
		// The edit log commits with the label: the patch's newest done edit (or,
		// if all its edits are undone, the oldest undone one's old side) is the
		// stored label.
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE)))
		{
			for (int id = 0; id < state.length; id++)
				assertEquals(logState(c, id), labelState(c, id), "kill " + kill +
					": edit log and label of patch " + id + " disagree");
		}
	}

	private static String labelState(final java.sql.Connection c, final int id)
		throws java.sql.SQLException
	{
		return first(c, "SELECT kind || ':' || crc FROM labels WHERE patch_id = " + id);
	}

	private static String logState(final java.sql.Connection c, final int id)
		throws java.sql.SQLException
	{
		final String where = "FROM edits WHERE patch_id = " + id;
		if (first(c, "SELECT 1 " + where + " AND undone = 0") != null) return first(c,
			"SELECT new_kind || ':' || new_crc " + where +
				" AND undone = 0 ORDER BY seq DESC LIMIT 1");
		return first(c, "SELECT old_kind || ':' || old_crc " + where +
			" AND undone = 1 ORDER BY seq ASC LIMIT 1");
	}

	private static String first(final java.sql.Connection c, final String sql)
		throws java.sql.SQLException
	{
		try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	/**
	 * What a child reported, read from its stdout file: acknowledged states, and
	 * the edit in flight.
	 */
	private static final class Report {

		final Path file;
		final Map<Integer, Long> acked = new HashMap<>();
		final Map<Integer, Long> pending = new HashMap<>();
		final List<String> lines = new ArrayList<>();
		final StringBuilder partial = new StringBuilder();
		long offset;
		boolean ready;
		int ackLines;

		Report(final Path file) {
			this.file = file;
		}

		/** Polls until the condition holds; false if the child died or 60 s passed. */
		boolean await(final java.util.function.BooleanSupplier condition,
			final Process child) throws IOException, InterruptedException
		{
			final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (System.nanoTime() < end) {
				poll();
				if (condition.getAsBoolean()) return true;
				if (!child.isAlive()) return false;
				Thread.sleep(2);
			}
			return false;
		}

		/** Reads and parses the lines the child completed since the last poll. */
		void poll() throws IOException {
			try (var ch = java.nio.channels.FileChannel.open(file)) {
				final long size = ch.size();
				if (size <= offset) return;
				final java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (size -
					offset));
				while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
					// read all
				}
				offset += buf.position();
				partial.append(new String(buf.array(), 0, buf.position(),
					StandardCharsets.US_ASCII));
			}
			int nl;
			while ((nl = partial.indexOf("\n")) >= 0) {
				parse(partial.substring(0, nl));
				partial.delete(0, nl + 1);
			}
			// NB: a line torn by the kill lacks "\n" (and the final " .") and is
			// never parsed: that edit then counts as in flight.
		}

		private void parse(final String line) {
			lines.add(line);
			if (line.equals("READY")) ready = true;
			final Matcher t = TRY.matcher(line);
			if (t.matches()) pending.put(Integer.parseInt(t.group(1)), Long.parseLong(t
				.group(2)));
			final Matcher m = ACK.matcher(line);
			if (m.matches()) {
				final int id = Integer.parseInt(m.group(1));
				acked.put(id, Long.parseLong(m.group(2)));
				pending.remove(id);
				ackLines++;
			}
		}

		/** The child's lines about one patch, for failure messages. */
		String history(final int id) {
			final String key = " " + id + " ";
			return String.join(" | ", lines.stream().filter(l -> l.contains(key))
				.toList());
		}
	}

	private static String describe(final long seq) {
		return seq < 0 ? "no label" : "label seq " + seq;
	}

	/** java + options + classpath for the child, reusing one extracted SQLite native library. */
	private List<String> childCommand() throws IOException {
		final String java = Path.of(System.getProperty("java.home"), "bin", "java")
			.toString();
		final List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto",
			"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
			"-XX:-UsePerfData"));
		// NB: sqlite-jdbc extracts its native library on every start and deletes
		// it only on a clean exit; extract it once so killed children leave no
		// files behind (and start faster).
		final String lib = System.mapLibraryName("sqlitejdbc");
		final String res = "/org/sqlite/native/" + org.sqlite.util.OSInfo
			.getNativeLibFolderPathForCurrentOS() + "/" + lib;
		final Path nativeDir = Files.createDirectories(tmp.resolve("native"));
		try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(res)) {
			if (in != null) {
				Files.copy(in, nativeDir.resolve(lib), StandardCopyOption.REPLACE_EXISTING);
				cmd.add("-Dorg.sqlite.lib.path=" + nativeDir);
				cmd.add("-Dorg.sqlite.lib.name=" + lib);
			}
			else cmd.add("-Dorg.sqlite.tmpdir=" + nativeDir);
		}
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		return cmd;
	}
}
