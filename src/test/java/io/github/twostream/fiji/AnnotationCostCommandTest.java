package io.github.twostream.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.twostream.cli.CostModelCommandTest;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;

/**
 * "Annotation cost" on a real project with recorded timings: the SciJava
 * command's outputs, and its ImageJ 1 twin in a real headless macro.
 */
public class AnnotationCostCommandTest {

	private static HeadlessImageJ ij;

	@TempDir
	Path tmp;

	@BeforeAll
	public static void start() {
		ij = HeadlessImageJ.ofJavaClassPath();
	}

	@AfterAll
	public static void stop() {
		ij.close();
	}

	@Test
	public void outputsTheFittedPace() throws Exception {
		final Path project = CostModelCommandTest.timedProject(tmp);
		final Context context = new Context(CommandService.class);
		try {
			final CommandModule m = context.service(CommandService.class).run(
				MeasureAnnotationCostCommand.class, true, "project", project.toFile())
				.get();
			assertEquals(12, m.getOutput("timed_patches"));
			assertEquals(2.5, (double) m.getOutput("seconds_per_patch"), 1e-6);
			assertEquals(0.04, (double) m.getOutput("seconds_per_outline_pixel"),
				1e-8);
			assertEquals(1, (double) m.getOutput("r_squared"), 1e-9);
		}
		finally {
			context.dispose();
		}
	}

	@Test
	public void macroRunsAndLeavesTheProjectAsItWas() throws Exception {
		final Path project = CostModelCommandTest.timedProject(tmp);
		final Path marker = tmp.resolve("after.txt");
		ij.runMacro("run(\"Annotation cost\", \"project=[" + project + "]\");\n" +
			"File.saveString(\"done\", \"" + marker + "\");", "");
		assertEquals("done", Files.readString(marker));
		// NB: a measurement only reads the project: labels and timings stay
		try (Project p = Project.open(project)) {
			assertEquals(12, p.labels().count());
			assertEquals(13, p.annotationLog().allSeconds().size());
		}
	}

	@Test
	public void aProjectWithoutTimingsStopsTheMacroWithTheFix() throws Exception {
		final Path image = CostModelCommandTest.timedProject(tmp).resolveSibling(
			"em.tif");
		final Path empty = tmp.resolve("no timings");
		final UserException e = assertThrows(UserException.class, () -> ij
			.runMacro("run(\"New project...\", \"image=[" + image + "] project=[" +
				empty + "] patch_size=64 stride=64\");\n" +
				"run(\"Annotation cost\", \"project=[" + empty + "]\");", ""));
		assertTrue(e.getMessage().contains("Annotation cost: error:") && e
			.getMessage().contains("accept at least 3 patches in the annotation view"),
			e.getMessage());
	}
}
