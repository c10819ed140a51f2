package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.volume.TestData;
import io.github.twostream.volume.Volumes;

/** The thin volume subcommands, run through the real CLI entry point. */
class VolumeCommandsTest {

	@TempDir
	Path dir;

	record Run(int code, String out, String err) {}

	static Run run(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream out = new ByteArrayOutputStream(),
				err = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			final int code = TwoStreamCli.execute(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(
				StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
	}

	@Test
	void generateThenInfo() {
		final Path data = dir.resolve("data");
		final Run gen = run("generate-test-data", data.toString(), "--seed", "7");
		assertEquals(0, gen.code(), gen.err());
		for (final String f : TestData.FILES)
			assertTrue(Files.exists(data.resolve(f)), f);
		assertTrue(gen.out().contains("train-volume.tif"));

		final String vol = data.resolve("train-volume.tif").toString();
		final Run info = run("info", vol);
		assertEquals(0, info.code(), info.err());
		final String o = info.out();
		assertTrue(o.contains("dimensions:    256 x 256 x 16"), o);
		assertTrue(o.contains("bit depth:     8"), o);
		assertTrue(o.contains("calibration:   none"), o);
		assertTrue(o.contains("patches:       256 at 64 x 64 px"), o); // 16*4*4
		assertTrue(o.contains("normalisation: 1% = "), o);
		assertTrue(o.contains("fingerprint:   " + Volumes.fingerprint(vol)), o);
	}

	@Test
	void badInputIsOneLineExitOne() {
		final Run r = run("info", dir.resolve("missing.tif").toString());
		assertEquals(1, r.code());
		assertTrue(r.err().startsWith("twostream info: error: Image file "), r
			.err());
		assertTrue(r.err().contains("does not exist -- check the path"), r.err());
		assertEquals(1, r.err().strip().lines().count(), r.err());
		assertFalse(r.err().contains("Exception"), r.err());
	}

	@Test
	void badArgumentsExitTwo() {
		assertEquals(2, run("info").code());
		final Run r = run("generate-test-data", dir.toString(), "--seed", "x");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("--seed"), r.err());
	}
}
