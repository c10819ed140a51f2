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
 * version, a sound store, no JVM crash report. A command that never polls for
 * a stop (a long macro) exits at once instead of making the user wait.
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

		final Child child = Child.start(dir, "/100000 (", "train", project
			.toString(), "--steps", "100000");
		final String out = child.signalAndWait(CleanStop.WAIT_SECONDS + 30);
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

	@Test
	void aCommandThatDoesNotPollExitsAtOnce() throws Exception {
		final Path macro = dir.resolve("long.ijm");
		Files.writeString(macro, "print(\"waiting\");\nwait(600000);\n");
		final Child child = Child.start(dir, "waiting", "macro", macro.toString());
		// NB: it must end well inside the hook's wait, which it never enters
		final String out = child.signalAndWait(CleanStop.WAIT_SECONDS / 2);
		assertEquals(143, child.exitValue(), out);
		assertFalse(out.contains("stopping after the current step"), out);
	}

	/** The real CLI in a child JVM, its output collected line by line. */
	private static final class Child {

		final Process process;
		final List<String> lines = new CopyOnWriteArrayList<>();
		final CountDownLatch ready = new CountDownLatch(1);
		final Thread reader;

		private Child(final Process process, final String readyLine) {
			this.process = process;
			reader = new Thread(() -> {
				try (BufferedReader r = new BufferedReader(new InputStreamReader(
					process.getInputStream(), StandardCharsets.UTF_8)))
				{
					for (String line; (line = r.readLine()) != null;) {
						lines.add(line);
						if (line.contains(readyLine)) ready.countDown();
					}
				}
				catch (final java.io.IOException e) {
					lines.add("reader: " + e);
				}
			});
			reader.start();
		}

		/** Starts {@code twostream ARGS} in {@code dir}. */
		static Child start(final Path dir, final String readyLine,
			final String... args) throws java.io.IOException
		{
			final List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System
				.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
				"--add-opens=java.base/java.lang=ALL-UNNAMED",
				"-Djava.awt.headless=true", "-cp", System.getProperty(
					"java.class.path"), TwoStreamCli.class.getName()));
			cmd.addAll(List.of(args));
			final ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
				.redirectErrorStream(true);
			pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
			return new Child(pb.start(), readyLine);
		}

		/**
		 * Waits for the ready line, sends SIGTERM, waits for the exit and
		 * returns the whole output.
		 */
		String signalAndWait(final long seconds) throws Exception {
			try {
				assertTrue(ready.await(3, TimeUnit.MINUTES), "never ready: " + lines);
				// NB: kill, not Process.destroy, which also closes the child's output
				assertEquals(0, new ProcessBuilder("kill", "-TERM", "" + process.pid())
					.start().waitFor());
				assertTrue(process.waitFor(seconds, TimeUnit.SECONDS),
					"still running after the signal: " + lines);
			}
			finally {
				reader.join(10_000);
				process.destroyForcibly();
			}
			return String.join("\n", lines);
		}

		int exitValue() {
			return process.exitValue();
		}
	}
}
