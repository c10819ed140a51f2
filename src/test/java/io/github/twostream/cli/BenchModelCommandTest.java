package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The bench-model subcommand is registered and validates its arguments. */
class BenchModelCommandTest {

	@Test
	void badArgumentsExitWith2() {
		final CommandLine cl = TwoStreamCli.commandLine();
		final StringWriter err = new StringWriter();
		cl.setErr(new PrintWriter(err));
		assertEquals(2, cl.execute("bench-model", "--seconds", "fast"));
		assertTrue(err.toString().contains("bench-model"), err.toString());
		assertTrue(cl.getSubcommands().containsKey("bench-model"));
	}

	/**
	 * {@code --as-predict} scores what {@code predict} does without options:
	 * flips and the section radius chosen from the test stack's voxel size
	 * (here a Lucchi++-like folder made of the bundled test-data, the test
	 * stack calibrated 5 x 5 x 5 nm as Lucchi++ is).
	 */
	@Test
	void asPredictScoresPredictsDefault(@TempDir final Path dir) throws Exception {
		final Path data = Path.of("test-data").toAbsolutePath();
		Files.copy(data.resolve("train-volume.tif"), dir.resolve("train-images.tif"));
		Files.copy(data.resolve("train-labels.tif"), dir.resolve("train-labels.tif"));
		Files.copy(data.resolve("test-labels.tif"), dir.resolve("test-labels.tif"));
		final ImagePlus test = IJ.openImage(data.resolve("test-volume.tif")
			.toString());
		test.getCalibration().setUnit("micron");
		test.getCalibration().pixelWidth = 0.005;
		test.getCalibration().pixelHeight = 0.005;
		test.getCalibration().pixelDepth = 0.005;
		assertTrue(IJ.saveAsTiff(test, dir.resolve("test-images.tif").toString()));

		final Cli.Run r = Cli.run("bench-model", "--lucchi", dir.toString(),
			"--patches", "12", "--train-steps", "5", "--test-slices", "2",
			"--as-predict");
		assertEquals(0, r.code(), r.err());
		final Matcher onePass = Pattern.compile(
			"seed 1: 12 patches \\(([0-9]+) with foreground.* test foreground IoU ([0-9.]+)").matcher(r.out());
		assertTrue(onePass.find(), r.out());
		final Matcher asPredict = Pattern.compile(
			"as 'predict' without options \\(flips; each slice averaged with 6 " +
				"section\\(s\\) on each side \\(near-isotropic voxels.*\\)\\) .*" +
				"foreground IoU ([0-9.]+) \\(([-+][0-9.]+)\\)").matcher(r.out());
		assertTrue(asPredict.find(), r.out());
		final double iou = Double.parseDouble(asPredict.group(1));
		assertTrue(iou >= 0 && iou <= 1, r.out());
		final int withForeground = Integer.parseInt(onePass.group(1));
		assertTrue(withForeground >= 1 && withForeground <= 12, r.out());
		assertEquals(iou - Double.parseDouble(onePass.group(2)), Double
			.parseDouble(asPredict.group(2)), 0.0015, r.out());
	}
}
