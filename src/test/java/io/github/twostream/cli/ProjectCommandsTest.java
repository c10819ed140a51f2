package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.Project;
import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;

/**
 * The project subcommands ({@code init}, {@code patches}, {@code label},
 * {@code export-labels}, {@code relink}) on the bundled test-data, and their
 * bad-input corpus: one line, non-zero exit, no stack trace, project intact.
 */
class ProjectCommandsTest {

	static final Path TEST_DATA = Path.of("test-data");

	@TempDir
	Path dir;

	Path image, labels, project;

	@BeforeEach
	void copyImage() throws Exception {
		// NB: a copy, so tests may move or change it without touching test-data/.
		image = dir.resolve("em volume.tif");
		labels = dir.resolve("em labels.tif");
		Files.copy(TEST_DATA.resolve("train-volume.tif"), image);
		Files.copy(TEST_DATA.resolve("train-labels.tif"), labels);
		project = dir.resolve("my project");
	}

	void init() {
		final Cli.Run r = Cli.run("init", project.toString(), "--image", image
			.toString(), "--patch", "64");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("256 patches of 64 x 64"), r.out());
	}

	@Test
	void initLabelPatchesExportRoundTrip() throws Exception {
		init();
		final Cli.Run label = Cli.run("label", project.toString(), "--mask", labels
			.toString(), "--patches", "0,5,17", "--foreground", "255");
		assertEquals(0, label.code(), label.err());

		final Cli.Run patches = Cli.run("patches", project.toString());
		assertEquals(0, patches.code(), patches.err());
		final List<String> lines = patches.out().lines().toList();
		assertEquals("id,z,y,x,h,w,status", lines.get(0));
		assertEquals(257, lines.size());
		assertEquals("5,0,64,64,64,64,labelled", lines.get(6));
		assertEquals("6,0,64,128,64,64,unlabelled", lines.get(7));
		assertEquals(3, lines.stream().filter(l -> l.endsWith(",labelled")).count());

		final Path out = dir.resolve("out labels.tif");
		final Cli.Run export = Cli.run("export-labels", project.toString(), "--out",
			out.toString());
		assertEquals(0, export.code(), export.err());

		// Every exported pixel: 0 outside labelled patches, else 1 + (gt == 255).
		final ImagePlus exported = IJ.openImage(out.toString());
		assertEquals(8, exported.getBitDepth());
		assertEquals(16, exported.getStackSize());
		final PatchGrid grid = new PatchGrid(16, 256, 256, 64, 64);
		final List<Patch> labelled = List.of(grid.get(0), grid.get(5), grid.get(
			17));
		final ImageStack stack = exported.getStack();
		int fg = 0;
		try (LabelImage gt = LabelImages.open(labels.toString())) {
			for (int z = 0; z < 16; z++) {
				final byte[] gtSlice = gt.readSlice(z, null);
				final byte[] px = (byte[]) stack.getPixels(z + 1);
				for (int y = 0; y < 256; y++)
					for (int x = 0; x < 256; x++) {
						final int zz = z, yy = y, xx = x;
						final boolean in = labelled.stream().anyMatch(p -> p.contains(zz,
							yy, xx));
						final int expected = in ? ((gtSlice[y * 256 + x] & 0xff) == 255 ? 2
							: 1) : 0;
						assertEquals(expected, px[y * 256 + x] & 0xff, "z=" + z + " y=" + y +
							" x=" + x);
						if (expected == 2) fg++;
					}
			}
		}
		assertTrue(fg > 0, "the labelled patches should contain some foreground");
	}

	@Test
	void suggestReusesTheEncoderTrainedWithOtherEpochs() throws Exception {
		init();
		final Cli.Run enc = Cli.run("train-encoder", project.toString(), "--epochs",
			"1");
		assertEquals(0, enc.code(), enc.err());
		final Path out = dir.resolve("next patches");
		final Cli.Run suggest = Cli.run("suggest", project.toString(), "--k", "3",
			"--passes", "0", "--out", out.toString());
		assertEquals(0, suggest.code(), suggest.err());
		assertEquals(1 + 3, Files.readAllLines(out.resolve("suggestions.csv"))
			.size());
		assertEquals(1 + 256, Files.readAllLines(out.resolve("scores.csv")).size());
		try (Project p = Project.open(project)) {
			assertEquals(1, p.models().all(ModelKind.ENCODER).size(),
				"suggest without --epochs reuses the 1-epoch encoder");
		}
	}

	@Test
	void badInputCorpus() throws Exception {
		init();
		Cli.run("label", project.toString(), "--mask", labels.toString(),
			"--patches", "1,2");

		// label image of another shape
		final Path other = dir.resolve("other.tif");
		Files.copy(TEST_DATA.resolve("test-labels.tif"), other);
		expectError(Cli.run("label", project.toString(), "--mask", other
			.toString(), "--patches", "3"), "is 256 x 256 x 8 but the volume is");
		// unknown patch ids (nothing of the batch is written)
		expectError(Cli.run("label", project.toString(), "--mask", labels
			.toString(), "--patches", "4,99999"), "Unknown patch id 99999");
		// a folder that is not a project
		final Path notProject = Files.createDirectory(dir.resolve("plain"));
		expectError(Cli.run("patches", notProject.toString()),
			"is not a Two-Stream project");
		// a text file named .tif as the mask
		final Path text = Files.writeString(dir.resolve("notes.tif"), "hello");
		expectError(Cli.run("label", project.toString(), "--mask", text.toString(),
			"--patches", "3"), "notes.tif");
		// creating a project twice
		expectError(Cli.run("init", project.toString(), "--image", image
			.toString()), "already holds a project");
		// image smaller than one patch
		expectError(Cli.run("init", dir.resolve("p2").toString(), "--image", image
			.toString(), "--patch", "512"), 2, "smaller than one 512 x 512 patch");
		assertProjectIntact(2);

		// the image changed: fingerprint mismatch
		final ImagePlus imp = IJ.openImage(image.toString());
		imp.getStack().getProcessor(3).invert();
		final Path changed = dir.resolve("changed.tif");
		IJ.saveAsTiff(imp, changed.toString());
		Files.move(changed, image, StandardCopyOption.REPLACE_EXISTING);
		expectError(Cli.run("export-labels", project.toString(), "--out", dir
			.resolve("x.tif").toString()), "has changed or moved");
		assertProjectIntact(2);

		// the image moved: clear message, then relink fixes it
		final Path moved = dir.resolve("moved.tif");
		Files.move(image, moved);
		expectError(Cli.run("export-labels", project.toString(), "--out", dir
			.resolve("x.tif").toString()), "is missing");
		// NB: the moved file is the changed image: relink checks the content
		expectError(Cli.run("relink", project.toString(), moved.toString()),
			"is not the project's image: its content differs");
		expectError(Cli.run("relink", project.toString(), labels.toString()),
			"is not the project's image");
		final Cli.Run relink = Cli.run("relink", project.toString(), moved
			.toString(), "--force");
		assertEquals(0, relink.code(), relink.err());
		assertTrue(relink.err().contains("warning: ") && relink.err().contains(
			"relinked anyway (--force)"), relink.err());
		final Cli.Run ok = Cli.run("export-labels", project.toString(), "--out", dir
			.resolve("x.tif").toString());
		assertEquals(0, ok.code(), ok.err());
		assertProjectIntact(2);
	}

	@Test
	void badArgumentsAreUsageErrors() {
		final Cli.Run r = Cli.run("label", project.toString());
		assertEquals(2, r.code());
		assertTrue(r.err().contains("Missing required options"), r.err());
		assertTrue(r.err().contains("usage: twostream label"), r.err());
		assertEquals(1, r.err().strip().lines().count(), r.err());
		assertEquals(2, Cli.run("init", project.toString()).code());
		assertEquals(2, Cli.run("init", project.toString(), "--image", image
			.toString(), "--patch", "big").code());
		assertEquals(2, Cli.run("label", project.toString(), "--mask", "m.tif",
			"--patches", "1,x").code());
	}

	static void expectError(final Cli.Run r, final String expected) {
		expectError(r, 1, expected);
	}

	/** One line naming {@code expected}, exit {@code code}, no stack trace. */
	static void expectError(final Cli.Run r, final int code,
		final String expected)
	{
		assertEquals(code, r.code(), r.out() + r.err());
		assertTrue(r.err().contains(expected), r.err());
		assertEquals(1, r.err().strip().lines().count(), r.err());
		assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r
			.err());
	}

	void assertProjectIntact(final int labelled) {
		try (Project p = Project.open(project)) {
			assertEquals("ok", p.integrityCheck());
			assertEquals(labelled, p.labels().count());
		}
	}
}
