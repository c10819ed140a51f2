package io.github.twostream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.Progress;

/**
 * Native memory stays flat over 200 train/predict/score rounds: every tensor
 * and result is closed.
 * <p>
 * NB: the rounds run in a child JVM with a fixed, pre-touched heap, so that
 * RSS changes come from native (TF) memory and not from the JVM growing its
 * heap, which it does freely under the test JVM's -Xmx6g.
 * </p>
 */
class TaskModelMemoryTest {

	static final int ROUNDS = 200, WARMUP = 20;

	@Test
	void rssIsFlatOver200Rounds() throws IOException, InterruptedException {
		final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		final ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(),
			"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty(
				"java.class.path"), Rounds.class.getName())).redirectErrorStream(true);
		pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		final Process p = pb.start();
		String result = null;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p
			.getInputStream(), StandardCharsets.UTF_8)))
		{
			for (String line; (line = r.readLine()) != null;) {
				System.out.println("[child] " + line);
				if (line.startsWith("RSS ")) result = line;
			}
		}
		assertTrue(p.waitFor(5, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue());
		assertNotNull(result, "child reported no RSS");
		final String[] f = result.split(" ");
		final long warm = Long.parseLong(f[1]), end = Long.parseLong(f[2]);
		final double growth = (end - warm) / (double) warm;
		System.out.printf("RSS after round %d: %d kB, after %d: %d kB (%+.2f %%)%n",
			WARMUP, warm, ROUNDS, end, 100 * growth);
		assertTrue(growth < 0.05, "RSS grew by " + 100 * growth + " %");
	}

	/** Resident set size of this process in kB (Linux). */
	static long rssKb() throws IOException {
		for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll(
				"\\D+", ""));
		throw new IllegalStateException("no VmRSS in /proc/self/status");
	}

	/** The child process: train/predict/score rounds, then "RSS warm end". */
	public static final class Rounds {

		public static void main(final String[] args) throws IOException {
			final UNetConfig c = new UNetConfig(16, 2, 4, 0.9f, 1e-3f, 4, 0.5f, 3L);
			final SyntheticEm d = new SyntheticEm(8, 16, 31);
			final TrainingSet t = d.trainingSet(0, 8);
			final float[] prob = new float[8 * 256];
			long warm = 0;
			try (TaskModel m = new TaskModel(c)) {
				for (int round = 1; round <= ROUNDS; round++) {
					m.trainSteps(t, 1, Progress.NONE);
					m.predict(d.images, 8, prob);
					m.score(d.images, 8, 2);
					if (round % 20 == 0) System.out.println("round " + round + " rss " +
						rssKb());
					if (round == WARMUP) warm = rssKb();
				}
				System.out.println("RSS " + warm + " " + rssKb());
			}
		}
	}
}
