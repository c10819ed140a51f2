package io.github.twostream.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

class CurvePlotTest {

	// NB: no System.setProperty("java.awt.headless") here: it would leak into
	// GUI tests sharing this JVM. plotsInAHeadlessJvm checks headless in a
	// child JVM instead.

	@TempDir
	Path dir;

	@Test
	void writesAPlausiblePng() throws Exception {
		final Path png = dir.resolve("plots/curves.png");
		CurvePlot.write(CurvesTest.sample(), 0.7, "Test curves", png);
		assertTrue(Files.size(png) > 5_000, "size " + Files.size(png));
		final BufferedImage img = ImageIO.read(png.toFile());
		assertTrue(img.getWidth() >= 600 && img.getHeight() >= 400, img
			.getWidth() + " x " + img.getHeight());
		// both strategy colours and the grey reference are drawn
		assertTrue(count(img, 0x0072b2) > 100, "random's line");
		assertTrue(count(img, 0xd55e00) > 100, "two-stream's line");
		assertTrue(count(img, 0x808080) > 100, "reference line");
		// the shaded 95 % bands (two seeds each) in the tints of both colours
		assertTrue(count(img, rgb(CurvePlot.tint("#0072b2"))) > 200, "random's band");
		assertTrue(count(img, rgb(CurvePlot.tint("#d55e00"))) > 200, "two-stream's band");
		// a rewrite replaces the plot in one rename: no temporary file is left
		CurvePlot.write(CurvesTest.sample(), 0.6, "Test curves", png);
		try (var files = Files.list(png.getParent())) {
			assertEquals(List.of("curves.png"), files.map(f -> f.getFileName()
				.toString()).toList());
		}
		assertEquals(img.getWidth(), ImageIO.read(png.toFile()).getWidth());
	}

	private static int rgb(final String hex) {
		return Integer.parseInt(hex.substring(1), 16);
	}

	@Test
	void plotsInAHeadlessJvm() throws Exception {
		final Path csv = dir.resolve("curves.csv");
		CurvesTest.sample().write(csv);
		final Path png = dir.resolve("headless.png");
		final List<String> cmd = new ArrayList<>(List.of(Path.of(System
			.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "-cp", System.getProperty(
				"java.class.path"), CurvePlot.class.getName(), csv.toString(), "0.7",
			png.toString()));
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(dir.resolve("log.txt").toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "plot process hung");
		assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
		assertTrue(Files.size(png) > 5_000);
		assertTrue(count(ImageIO.read(png.toFile()), 0xd55e00) > 100);
	}

	/** {@link CurvesTest#sample()} with annotation seconds: two-stream's patches cost 3x. */
	private static Curves withSeconds() {
		return new Curves(CurvesTest.sample().points().stream().map(p -> new CurvePoint(
			p.strategy(), p.seed(), p.round(), p.labelledPatches(), p.iou(), p.dice(), p
				.roundSeconds(), p.labelledPatches() * (p.strategy().equals("random") ? 4
					: 12) + p.seed())).toList());
	}

	@Test
	void minutesAxisPlacesEachPointAtItsMeanAnnotationTime() throws Exception {
		final Curves c = withSeconds();
		// random at 20 patches: seeds 1 and 2 took 81 and 82 s: 1.358 min
		assertArrayEquals(new double[] { 41.5 / 60, 81.5 / 60, 121.5 / 60 },
			CurvePlot.XAxis.ANNOTATION_MINUTES.map(c, "random", new double[] { 10, 20,
				30 }), 1e-12);
		assertArrayEquals(new double[] { 121.5 / 60 }, CurvePlot.XAxis.ANNOTATION_MINUTES
			.map(c, "two-stream", new double[] { 10 }), 1e-12);
		assertArrayEquals(new double[] { 10, 20 }, CurvePlot.XAxis.PATCHES.map(c,
			"random", new double[] { 10, 20 }));
		final Path png = dir.resolve("curves-minutes.png");
		CurvePlot.write(c, 0.7, "Test curves", CurvePlot.XAxis.ANNOTATION_MINUTES, png);
		final BufferedImage img = ImageIO.read(png.toFile());
		assertTrue(count(img, 0x0072b2) > 100, "random's line");
		assertTrue(count(img, 0xd55e00) > 100, "two-stream's line");
		// two-stream's points lie 3x further right: its line's pixels are right of
		// random's on average
		assertTrue(meanX(img, 0xd55e00) > meanX(img, 0x0072b2) + 50, meanX(img,
			0xd55e00) + " vs " + meanX(img, 0x0072b2));
	}

	@Test
	void reportsWriteTheMinutesPlotOnlyWhenTheCurvesHaveSeconds() throws Exception {
		final Path with = dir.resolve("with"), without = dir.resolve("without");
		SimulationReports.write(withSeconds(), 0.7, with, "t", Progress.NONE);
		SimulationReports.write(CurvesTest.sample(), 0.7, without, "t", Progress.NONE);
		assertTrue(Files.size(with.resolve("curves-minutes.png")) > 5_000);
		assertTrue(Files.exists(without.resolve("curves.png")));
		assertFalse(Files.exists(without.resolve("curves-minutes.png")));
		assertThrows(UserException.class, () -> CurvePlot.render(CurvesTest.sample(),
			0.7, "t", CurvePlot.XAxis.ANNOTATION_MINUTES));
	}

	private static double meanX(final BufferedImage img, final int rgb) {
		long sum = 0, n = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xffffff) == rgb) {
					sum += x;
					n++;
				}
		return (double) sum / n;
	}

	@Test
	void nothingToPlotIsAUserError() {
		assertThrows(UserException.class, () -> CurvePlot.render(Curves.empty(),
			0.5, "empty"));
	}

	private static int count(final BufferedImage img, final int rgb) {
		int n = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
		return n;
	}
}
