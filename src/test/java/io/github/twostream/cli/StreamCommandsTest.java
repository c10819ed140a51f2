package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.io.RoiDecoder;

/**
 * The stream and loop subcommands end to end on test-data: train-encoder,
 * export-embeddings, label, train, score, predict, suggest, and a short demo.
 */
class StreamCommandsTest {

	@TempDir
	Path dir;

	@Test
	void encoderModelScoresPredictionsSuggestions() throws Exception {
		final String project = dir.resolve("a project").toString();
		ok(Cli.run("init", project, "--image", "test-data/train-volume.tif"));

		// errors before the streams exist
		ProjectCommandsTest.expectError(Cli.run("export-embeddings", project,
			"--out", dir.resolve("e.csv").toString()), "no embeddings yet");
		ProjectCommandsTest.expectError(Cli.run("train", project, "--steps", "5"),
			"no labels yet");
		ProjectCommandsTest.expectError(Cli.run("predict", project, "--out", dir
			.resolve("p.tif").toString()), "no trained task model yet");
		ProjectCommandsTest.expectError(Cli.run("suggest", project, "--strategy",
			"nonsense"), 2, "nonsense");
		ProjectCommandsTest.expectError(Cli.run("suggest", project, "--strategy",
			"random-fg"), 2, "simulation-only baseline");
		ProjectCommandsTest.expectError(Cli.run("export-embeddings", project,
			"--stream", "a", "--out", dir.resolve("e.csv").toString()),
			"no trained task model yet");

		final Cli.Run enc = ok(Cli.run("train-encoder", project, "--epochs", "1"));
		assertTrue(enc.out().startsWith("Trained encoder"), enc.out());
		assertTrue(ok(Cli.run("train-encoder", project, "--epochs", "1")).out()
			.startsWith("Reused encoder"));
		final Path emb = dir.resolve("emb.csv");
		ok(Cli.run("export-embeddings", project, "--out", emb.toString()));
		final List<String> embLines = Files.readAllLines(emb);
		assertEquals(257, embLines.size());
		assertEquals(4 + 64, embLines.get(1).split(",").length);

		ok(Cli.run("label", project, "--mask", "test-data/train-labels.tif",
			"--patches", "0,5,10,21,42,63,84,105"));
		final Cli.Run train = ok(Cli.run("train", project, "--steps", "20",
			"--depth", "2", "--filters", "8"));
		assertTrue(train.out().contains("on 8 labelled patches"), train.out());
		assertTrue(train.out().contains("device CPU"), train.out());
		assertTrue(train.out().contains("(preset fast)"), train.out());
		ProjectCommandsTest.expectError(Cli.run("train", project, "--steps", "20",
			"--input-sections", "9"), "input sections 9 is not between 0 and 3");

		// the task model's supervised embedding, same CSV form
		final Path embA = dir.resolve("emb-a.csv");
		final Cli.Run ea = ok(Cli.run("export-embeddings", project, "--supervised",
			"--out", embA.toString()));
		assertTrue(ea.out().contains("task model"), ea.out());
		final List<String> aLines = Files.readAllLines(embA);
		assertEquals(257, aLines.size());
		assertEquals(embLines.get(1).split(",")[0] + "," + embLines.get(1).split(
			",")[1], aLines.get(1).split(",")[0] + "," + aLines.get(1).split(",")[1]);
		final String[] row = aLines.get(5).split(",");
		double norm = 0;
		for (int j = 4; j < row.length; j++)
			norm += Double.parseDouble(row[j]) * Double.parseDouble(row[j]);
		assertEquals(1, norm, 1e-3, "L2-normalised rows");
		ProjectCommandsTest.expectError(Cli.run("export-embeddings", project,
			"--stream", "c", "--out", embA.toString()), 2, "--stream a or --stream b");

		final Cli.Run score = ok(Cli.run("score", project, "--passes", "2"));
		final List<String> rows = score.out().lines().toList();
		assertEquals("id,z,y,x,entropy,margin,bald", rows.get(0));
		assertEquals(257, rows.size());
		for (final String r : rows.subList(1, rows.size())) {
			final String[] f = r.split(",");
			final double entropy = Double.parseDouble(f[4]);
			assertTrue(entropy >= 0 && entropy <= 1, r);
			assertTrue(Double.parseDouble(f[6]) >= -1e-6, r);
		}

		final Path prob = dir.resolve("prob.tif");
		ok(Cli.run("predict", project, "--out", prob.toString()));
		final ImagePlus p = IJ.openImage(prob.toString());
		assertEquals(32, p.getBitDepth());
		assertEquals(16, p.getStackSize());
		assertEquals(256, p.getWidth());
		final float[] px = (float[]) p.getStack().getPixels(1);
		for (final float v : px)
			assertTrue(v >= 0 && v <= 1);
		// NB: test-time flips are the default; --no-flips predicts once, which
		// differs (the U-Net is not flip-equivariant) but not by much
		final Path once = dir.resolve("once.tif");
		final Cli.Run onceRun = ok(Cli.run("predict", project, "--no-flips",
			"--out", once.toString()));
		assertTrue(onceRun.out().contains(
			"Each slice predicted alone (the image records no voxel size)"), onceRun
				.out());
		final float[] po = (float[]) IJ.openImage(once.toString()).getStack()
			.getPixels(1);
		double diff = 0;
		for (int i = 0; i < px.length; i++)
			diff += Math.abs(px[i] - po[i]);
		assertTrue(diff / px.length > 1e-5 && diff / px.length < 0.2,
			"mean |flips - once| = " + diff / px.length);
		// NB: the test data record no voxel size, so by default each slice is
		// predicted alone; --sections 1 gives the 1-2-1 mean of those
		final Path averaged = dir.resolve("averaged.tif");
		final Cli.Run sec = ok(Cli.run("predict", project, "--no-flips",
			"--sections", "1", "--out", averaged.toString()));
		assertTrue(sec.out().contains("averaged with 1 section(s) on each side"),
			sec.out());
		final ImageStack a = IJ.openImage(once.toString()).getStack();
		final ImageStack o = IJ.openImage(averaged.toString()).getStack();
		for (final int z : new int[] { 1, 8, 16 }) {
			final float[] mean = (float[]) o.getPixels(z), prev = (float[]) a
				.getPixels(Math.max(1, z - 1)), mid = (float[]) a.getPixels(z),
				next = (float[]) a.getPixels(Math.min(16, z + 1));
			final float wPrev = z > 1 ? 1 : 0, wNext = z < 16 ? 1 : 0;
			for (int i = 0; i < mean.length; i += 97)
				assertEquals((wPrev * prev[i] + 2 * mid[i] + wNext * next[i]) / (2 +
					wPrev + wNext), mean[i], 1e-5, "slice " + z + ", pixel " + i);
		}
		ProjectCommandsTest.expectError(Cli.run("predict", project, "--sections",
			"-1", "--out", dir.resolve("neg.tif").toString()), 2,
			"--sections -1 is negative");
		// the segmentation at the version's calibrated threshold, 8-bit 0 / 255
		final Path mask = dir.resolve("mask.tif");
		final Cli.Run seg = ok(Cli.run("predict", project, "--mask", mask
			.toString()));
		assertTrue(seg.out().contains("segmentation at threshold"), seg.out());
		final ImagePlus mk = IJ.openImage(mask.toString());
		assertEquals(8, mk.getBitDepth());
		final byte[] mpx = (byte[]) mk.getStack().getPixels(1);
		final float t = Float.parseFloat(seg.out().replaceAll(
			"(?s).*threshold ([0-9.]+).*", "$1"));
		for (int i = 0; i < mpx.length; i++)
			assertEquals(px[i] >= t ? (byte) 255 : 0, mpx[i], "pixel " + i);
		// both outputs: one prediction pass, the mask thresholded from the
		// probabilities just written, equal to the two separate runs
		final Path bothProb = dir.resolve("both-prob.tif");
		final Path bothMask = dir.resolve("both-mask.tif");
		final Cli.Run both = ok(Cli.run("predict", project, "--out", bothProb
			.toString(), "--mask", bothMask.toString()));
		assertEquals(1, both.err().lines().filter(l -> l.equals(
			"[twostream] Predicting 16 slices")).count(), both.err());
		assertFalse(both.err().contains("Segmenting"), both.err());
		assertTrue(both.out().contains("probabilities to") && both.out().contains(
			"segmentation at threshold"), both.out());
		final ImageStack bp = IJ.openImage(bothProb.toString()).getStack();
		final ImageStack bm = IJ.openImage(bothMask.toString()).getStack();
		assertEquals(16, bm.getSize());
		for (int z = 1; z <= 16; z++) {
			assertArrayEquals((float[]) p.getStack().getPixels(z), (float[]) bp
				.getPixels(z), "slice " + z);
			assertArrayEquals((byte[]) mk.getStack().getPixels(z), (byte[]) bm
				.getPixels(z), "slice " + z);
		}
		ProjectCommandsTest.expectError(Cli.run("export-model", project, "--out",
			dir.resolve("a project").resolve("pkg").toString()),
			"inside the project folder");

		final Path out = dir.resolve("suggestions out");
		final Cli.Run sug = ok(Cli.run("suggest", project, "--k", "5", "--passes",
			"2", "--epochs", "1", "--out", out.toString()));
		assertTrue(sug.out().contains("Round 1, two-stream"), sug.out());
		final List<String> csv = Files.readAllLines(out.resolve("suggestions.csv"));
		assertEquals(6, csv.size(), csv.toString());
		try (ZipFile zip = new ZipFile(out.resolve("suggestions-rois.zip")
			.toFile()))
		{
			assertEquals(5, zip.size());
			final Roi roi = RoiDecoder.openFromByteArray(zip.getInputStream(zip
				.entries().nextElement()).readAllBytes());
			assertEquals(64, roi.getBounds().width);
		}
		final ImagePlus heat = IJ.openImage(out.resolve("acquisition-heatmap.tif")
			.toString());
		assertEquals(32, heat.getBitDepth());
		assertTrue(heat.getNChannels() >= 4, "channels: " + heat.getNChannels());
		assertEquals(257, Files.readAllLines(out.resolve("scores.csv")).size());
	}

	@Test
	void shortDemo() throws Exception {
		final Path out = dir.resolve("demo");
		final Cli.Run demo = ok(Cli.run("demo", "--out", out.toString(),
			"--rounds", "2", "--k", "4", "--steps", "20", "--encoder-epochs", "1"));
		assertTrue(demo.out().contains("Round 2: 8 labelled patches"), demo.out());
		for (final String f : List.of("curves.csv", "learning-curve.png",
			"heatmap.png", "acquisition-heatmap.tif", "suggestions.csv",
			"suggestions-rois.zip", "next-suggestions.csv", "labels.tif",
			"round-1-suggestions.csv"))
			assertTrue(Files.size(out.resolve(f)) > 0, f);
		assertEquals(3, Files.readAllLines(out.resolve("curves.csv")).size());
	}

	static Cli.Run ok(final Cli.Run r) {
		assertEquals(0, r.code(), r.out() + r.err());
		return r;
	}
}
