package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.testdata.TestData;
import io.github.twostream.volume.Volumes;

/** The thin volume subcommands, run through the real CLI entry point. */
class VolumeCommandsTest {

	@TempDir
	Path dir;

	static Cli.Run run(final String... args) {
		return Cli.run(args);
	}

	@Test
	void generateThenInfo() {
		final Path data = dir.resolve("data");
		final Cli.Run gen = run("generate-test-data", data.toString(), "--seed", "7");
		assertEquals(0, gen.code(), gen.err());
		for (final String f : TestData.FILES)
			assertTrue(Files.exists(data.resolve(f)), f);
		assertTrue(gen.out().contains("train-volume.tif"));

		final String vol = data.resolve("train-volume.tif").toString();
		final Cli.Run info = run("info", vol);
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
		final Cli.Run r = run("info", dir.resolve("missing.tif").toString());
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
		final Cli.Run r = run("generate-test-data", dir.toString(), "--seed", "x");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("--seed"), r.err());
	}
}
