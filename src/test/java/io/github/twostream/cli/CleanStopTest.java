package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.store.ModelKind;
import io.github.twostream.store.Project;

/**
 * SIGTERM (what Ctrl-C's SIGINT also triggers) during a real {@code twostream
 * train} in a child JVM: the command stops after its current step, says it was
 * cancelled, and leaves the project as it was: the labels, no half-trained
 * version, a sound store, no JVM crash report.
 */
class CleanStopTest {

	@TempDir
	Path dir;

	@Test
	void aSignalStopsTrainingCleanlyAndKeepsTheProject() throws Exception {
		final Path project = dir.resolve("p");
		assertEquals(0, Cli.run("init", project.toString(), "--image",
			ProjectCommandsTest.TEST_DATA.resolve("train-volume.tif").toString())
			.code());
		assertEquals(0, Cli.run("label", project.toString(), "--mask",
			ProjectCommandsTest.TEST_DATA.resolve("train-labels.tif").toString(),
			"--patches", "0,1,2,3,4,5,6,7,8,9,10,11").code());

		final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		final ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(),
			"-Xmx2g", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System
				.getProperty("java.class.path"), TwoStreamCli.class.getName(), "train",
			project.toString(), "--steps", "100000")).directory(dir.toFile())
				.redirectErrorStream(true);
		pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		final Process child = pb.start();
		final List<String> lines = new CopyOnWriteArrayList<>();
		final CountDownLatch training = new CountDownLatch(1);
		final Thread reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(child
				.getInputStream(), StandardCharsets.UTF_8)))
			{
				for (String line; (line = r.readLine()) != null;) {
					lines.add(line);
					if (line.contains("/100000 (")) training.countDown();
				}
			}
			catch (final java.io.IOException e) {
				lines.add("reader: " + e);
			}
		});
		reader.start();
		try {
			assertTrue(training.await(3, TimeUnit.MINUTES),
				"no training step reported: " + lines);
			// NB: kill, not Process.destroy, which also closes the child's output
			assertEquals(0, new ProcessBuilder("kill", "-TERM", "" + child.pid())
				.start().waitFor());
			assertTrue(child.waitFor(CleanStop.WAIT_SECONDS + 30, TimeUnit.SECONDS),
				"still running after the signal: " + lines);
		}
		finally {
			reader.join(10_000);
			child.destroyForcibly();
		}
		final String out = String.join("\n", lines);
		assertEquals(143, child.exitValue(), out); // 128 + SIGTERM
		assertTrue(out.contains("stopping after the current step"), out);
		assertTrue(out.contains("twostream train: cancelled"), out);
		assertFalse(out.contains("A fatal error has been detected"), out);
		try (Stream<Path> files = Files.list(dir)) {
			assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(
				"hs_err")), "a JVM crash report was written");
		}
		try (Project p = Project.open(project)) {
			assertEquals(12, p.labels().count());
			assertTrue(p.models().all(ModelKind.TASK).isEmpty(),
				"a cancelled training added a model version");
		}
		final Cli.Run check = Cli.run("check", project.toString());
		assertEquals(0, check.code(), check.out() + check.err());
	}
}
