package io.github.twostream.store;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The child process of {@link CrashTest}: opens a project and writes labels
 * until it is killed, printing {@code ACK <patchId> <seq> .} after each commit
 * returned.
 * <p>
 * Usage: {@code CrashWriter DIR FIRST_SEQ SEED MODE} where MODE is
 * {@code mixed} (single puts and batches of 2-16) or {@code heavy}
 * (large batches only).
 * </p>
 */
public final class CrashWriter {

	private CrashWriter() {}

	public static void main(final String... args) throws Exception {
		final Path dir = Path.of(args[0]);
		long seq = Long.parseLong(args[1]);
		final Random rnd = new Random(Long.parseLong(args[2]));
		final boolean heavy = "heavy".equals(args[3]);
		final BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
			System.out, StandardCharsets.US_ASCII), 1 << 16);
		try (Project project = Project.open(dir)) {
			final Labels labels = project.labels();
			final int n = project.grid().size();
			out.write("READY\n");
			out.flush();
			while (true) {
				final int batch = heavy ? 32 : rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(15) : 1;
				final Set<Integer> ids = new LinkedHashSet<>();
				while (ids.size() < batch)
					ids.add(rnd.nextInt(n));
				final List<PatchLabel> list = new ArrayList<>();
				final StringBuilder acks = new StringBuilder();
				for (final int id : ids) {
					list.add(new PatchLabel(id, CrashMasks.kind(seq), CrashMasks.mask(id,
						seq), null));
					acks.append("ACK ").append(id).append(' ').append(seq).append(" .\n");
					seq++;
				}
				if (list.size() == 1) labels.put(list.get(0).patchId(), list.get(0)
					.kind(), list.get(0).mask());
				else labels.putAll(list);
				// NB: only now is the write committed (and fsynced).
				out.write(acks.toString());
				out.flush();
			}
		}
	}
}
