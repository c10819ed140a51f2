package io.github.twostream.store;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The child process of {@link CrashTest}: opens a project and edits labels
 * until it is killed.
 * <p>
 * Before each edit it prints {@code TRY <patchId> <state>} for every patch the
 * edit changes; after the commit returned it prints {@code ACK <patchId>
 * <state> .} for each. A state is the sequence number of the label
 * ({@link CrashMasks}) or -1 for "no label".
 * </p>
 * <p>
 * Usage: {@code CrashWriter DIR FIRST_SEQ SEED MODE} where MODE is
 * {@code mixed} (single puts, batches of 2-16, removals, undo and redo of its
 * own edits) or {@code heavy} (batches of 32 only).
 * </p>
 */
public final class CrashWriter {

	/** One edit step: patch id -> state before and after. */
	private record Step(Map<Integer, Long> before, Map<Integer, Long> after) {}

	private CrashWriter() {}

	public static void main(final String... args) throws Exception {
		final Path dir = Path.of(args[0]);
		long seq = Long.parseLong(args[1]);
		final Random rnd = new Random(Long.parseLong(args[2]));
		final boolean heavy = "heavy".equals(args[3]);
		final BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
			System.out, StandardCharsets.US_ASCII), 1 << 16);
		// NB: only steps of this process are undone/redone: their states are known.
		final Deque<Step> undo = new ArrayDeque<>(), redo = new ArrayDeque<>();
		try (Project project = Project.open(dir)) {
			final Labels labels = project.labels();
			final int n = project.grid().size();
			out.write("READY\n");
			out.flush();
			while (true) {
				final int op = heavy ? 99 : rnd.nextInt(100);
				if (op < 10 && !undo.isEmpty()) {
					final Step s = undo.pop();
					announce(out, s.before());
					check(new HashSet<>(labels.undo()), s.before().keySet());
					acknowledge(out, s.before());
					redo.push(s);
					continue;
				}
				if (op < 15 && !redo.isEmpty()) {
					final Step s = redo.pop();
					announce(out, s.after());
					check(new HashSet<>(labels.redo()), s.after().keySet());
					acknowledge(out, s.after());
					undo.push(s);
					continue;
				}
				if (op < 25) {
					final Set<Integer> ids = labels.labelledIds();
					if (ids.isEmpty()) continue;
					final int id = new ArrayList<>(ids).get(rnd.nextInt(ids.size()));
					final Map<Integer, Long> before = Map.of(id, state(labels, id));
					final Map<Integer, Long> after = Map.of(id, -1L);
					announce(out, after);
					if (!labels.remove(id)) fail("remove found no label");
					acknowledge(out, after);
					undo.push(new Step(before, after));
					redo.clear();
					continue;
				}
				final int batch = heavy ? 32 : op < 85 ? 1 : 2 + rnd.nextInt(15);
				final Set<Integer> ids = new LinkedHashSet<>();
				while (ids.size() < batch)
					ids.add(rnd.nextInt(n));
				final Map<Integer, Long> before = new LinkedHashMap<>(), after =
					new LinkedHashMap<>();
				final List<PatchLabel> list = new ArrayList<>();
				for (final int id : ids) {
					before.put(id, state(labels, id));
					after.put(id, seq);
					list.add(new PatchLabel(id, CrashMasks.kind(seq), CrashMasks.mask(id,
						seq), null));
					seq++;
				}
				announce(out, after);
				if (list.size() == 1) labels.put(list.get(0).patchId(), list.get(0)
					.kind(), list.get(0).mask());
				else labels.putAll(list);
				acknowledge(out, after);
				undo.push(new Step(before, after));
				redo.clear();
			}
		}
	}

	private static long state(final Labels labels, final int id) {
		final Optional<PatchLabel> l = labels.get(id);
		return l.isEmpty() ? -1 : CrashMasks.seq(l.get().mask());
	}

	private static void announce(final BufferedWriter out,
		final Map<Integer, Long> states) throws java.io.IOException
	{
		for (final var e : states.entrySet())
			out.write("TRY " + e.getKey() + " " + e.getValue() + " .\n");
		out.flush();
	}

	/** Called only after the edit's commit returned. */
	private static void acknowledge(final BufferedWriter out,
		final Map<Integer, Long> states) throws java.io.IOException
	{
		final StringBuilder sb = new StringBuilder();
		for (final var e : states.entrySet())
			sb.append("ACK ").append(e.getKey()).append(' ').append(e.getValue())
				.append(" .\n");
		out.write(sb.toString());
		out.flush();
	}

	private static void check(final Set<Integer> changed, final Set<Integer> expected) {
		if (!changed.equals(expected)) fail("undo/redo changed " + changed +
			", expected " + expected);
	}

	private static void fail(final String message) {
		System.err.println("CrashWriter: " + message);
		System.exit(3);
	}
}
