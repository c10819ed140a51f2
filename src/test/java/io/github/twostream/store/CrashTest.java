package io.github.twostream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
			final Process child = new ProcessBuilder(cmd).redirectError(tmp.resolve(
				"child-stderr.txt").toFile()).start();
			final CountDownLatch ready = new CountDownLatch(1);
			final CountDownLatch firstAck = new CountDownLatch(1);
			final Report report = new Report();
			final Thread reader = new Thread(() -> read(child.getInputStream(), ready,
				firstAck, report));
			reader.start();
			if (k % 10 == 0) {
				// Kill during JVM start-up / opening (WAL recovery of the last kill).
				Thread.sleep(rnd.nextInt(151));
			}
			else {
				if (!ready.await(60, TimeUnit.SECONDS)) fail("child did not start: " +
					Files.readString(tmp.resolve("child-stderr.txt")));
				if (mode.equals("heavy")) {
					firstAck.await(30, TimeUnit.SECONDS);
					Thread.sleep(rnd.nextInt(21));
					killedHeavy++;
				}
				else Thread.sleep(rnd.nextInt(151));
			}
			if (ready.getCount() == 1) killedBeforeReady++;
			child.destroyForcibly(); // NB: SIGKILL on Linux
			assertTrue(child.waitFor(30, TimeUnit.SECONDS));
			reader.join();
			if (child.exitValue() != 137) fail("child ended by itself (exit " + child
				.exitValue() + "): " + Files.readString(tmp.resolve("child-stderr.txt")));
			synchronized (report) {
				acked += report.ackLines;
				verify(dir, state, report, firstSeq + SEQ_RANGE, k);
			}
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
						? "" : " (in flight: " + describe(inFlight) + ")"));
				if (label.isPresent()) {
					assertTrue(seq < seqLimit, "kill " + kill + ": bogus seq " + seq);
					assertArrayEquals(CrashMasks.mask(id, seq), label.get().mask(),
						"kill " + kill + ": patch " + id + " seq " + seq + " is torn");
					assertEquals(CrashMasks.kind(seq), label.get().kind());
				}
				state[id] = seq; // NB: now durable, whether it was acknowledged or not
			}
		}
		// The edit log commits with the label: its newest state of each patch is
		// the stored label.
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(
			Project.DATABASE));
				var st = c.createStatement();
				var rs = st.executeQuery("SELECT COUNT(*) FROM labels l WHERE l.crc <> " +
					"(SELECT e.new_crc FROM edits e WHERE e.patch_id = l.patch_id ORDER BY seq DESC LIMIT 1)"))
		{
			rs.next();
			assertEquals(0, rs.getInt(1), "kill " + kill + ": edit log and labels disagree");
		}
	}

	/** What a child reported: acknowledged states, and the edit in flight. */
	private static final class Report {

		final Map<Integer, Long> acked = new HashMap<>();
		final Map<Integer, Long> pending = new HashMap<>();
		int ackLines;
	}

	private static String describe(final long seq) {
		return seq < 0 ? "no label" : "label seq " + seq;
	}

	private static void read(final InputStream in, final CountDownLatch ready,
		final CountDownLatch firstAck, final Report report)
	{
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
			StandardCharsets.US_ASCII)))
		{
			String line;
			while ((line = r.readLine()) != null) {
				if (line.equals("READY")) ready.countDown();
				final Matcher t = TRY.matcher(line);
				if (t.matches()) synchronized (report) {
					report.pending.put(Integer.parseInt(t.group(1)), Long.parseLong(t
						.group(2)));
				}
				final Matcher m = ACK.matcher(line);
				// NB: a line torn by the kill lacks the final " ." and is ignored:
				// that edit then counts as in flight (either state is allowed).
				if (m.matches()) {
					synchronized (report) {
						final int id = Integer.parseInt(m.group(1));
						report.acked.put(id, Long.parseLong(m.group(2)));
						report.pending.remove(id);
						report.ackLines++;
					}
					firstAck.countDown();
				}
			}
		}
		catch (final IOException e) {
			// child killed: the pipe closes
		}
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
