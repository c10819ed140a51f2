package io.github.twostream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Masks;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;

/**
 * {@code cost-model} on a real project: labels from test-data's ground truth,
 * timings recorded as the annotation view records them.
 */
public class CostModelCommandTest {

	@TempDir
	Path dir;

	/**
	 * A project on test-data whose 12 densely labelled patches were annotated
	 * at 2.5 s + 0.04 s per outline pixel (patch 0 in two efforts), plus a
	 * timed patch whose label was undone; returns the project folder.
	 */
	public static Path timedProject(final Path dir) throws Exception {
		final Path image = dir.resolve("em.tif"), labels = dir.resolve("gt.tif"),
				project = dir.resolve("p");
		Files.copy(ProjectCommandsTest.TEST_DATA.resolve("train-volume.tif"), image);
		Files.copy(ProjectCommandsTest.TEST_DATA.resolve("train-labels.tif"), labels);
		assertEquals(0, Cli.run("init", project.toString(), "--image", image
			.toString(), "--patch", "64").code());
		assertEquals(0, Cli.run("label", project.toString(), "--mask", labels
			.toString(), "--patches", "0,1,2,3,4,5,6,7,8,9,10,11", "--foreground", "255").code());
		final Set<Integer> outlines = new HashSet<>();
		try (Project p = Project.open(project)) {
			for (int id = 0; id < 12; id++) {
				final PatchLabel l = p.labels().get(id).orElseThrow();
				assertEquals(LabelKind.DENSE, l.kind());
				final int b = outline(l.mask(), 64);
				outlines.add(b);
				final double seconds = 2.5 + 0.04 * b;
				// NB: patch 0 accepted, undone and accepted again: its two efforts add up
				if (id == 0) p.annotationLog().addSeconds(id, seconds / 3);
				p.annotationLog().addSeconds(id, id == 0 ? 2 * seconds / 3 : seconds);
			}
			// timed, but its label was undone: no outline to fit against
			p.annotationLog().addSeconds(40, 500);
		}
		assertTrue(outlines.size() > 2, "test-data patches differ in outline: " +
			outlines);
		return project;
	}

	@Test
	void fitsTheRecordedPaceAndIgnoresPatchesWithoutADenseLabel() throws Exception {
		final Path project = timedProject(dir);
		final Cli.Run r = Cli.run("cost-model", project.toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("timed patches:   12"), r.out());
		assertTrue(r.out().contains("fitted:          2.50 s per patch + 0.0400 s " +
			"per outline pixel (R^2 1.00)"), r.out());
		assertTrue(r.out().contains("simulation uses: 4.00 s per patch + 0.0500"), r
			.out());
		assertTrue(r.out().contains("--annotation-cost 2.50,0.0400"), r.out());
	}

	@Test
	void aProjectWithoutTimingsGetsOneLineNamingTheFix() throws Exception {
		final Path image = dir.resolve("em.tif"), project = dir.resolve("p");
		Files.copy(ProjectCommandsTest.TEST_DATA.resolve("train-volume.tif"), image);
		assertEquals(0, Cli.run("init", project.toString(), "--image", image
			.toString(), "--patch", "64").code());
		ProjectCommandsTest.expectError(Cli.run("cost-model", project.toString()),
			"accept at least 3 patches in the annotation view");
	}

	/** Foreground pixels with a 4-neighbour in the background (the test's own count). */
	private static int outline(final byte[] m, final int n) {
		int c = 0;
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				if (m[y * n + x] != Masks.FOREGROUND) continue;
				final boolean edge = x > 0 && m[y * n + x - 1] != Masks.FOREGROUND ||
					x < n - 1 && m[y * n + x + 1] != Masks.FOREGROUND || y > 0 && m[(y -
						1) * n + x] != Masks.FOREGROUND || y < n - 1 && m[(y + 1) * n +
							x] != Masks.FOREGROUND;
				if (edge) c++;
			}
		return c;
	}
}
