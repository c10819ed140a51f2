package io.github.twostream.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.store.GridSpec;
import io.github.twostream.store.ImageRef;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.Project;

/**
 * Checkpoint folders: unique names within one second (two trainings at
 * once), bound to their project, and a killed run's temporary folder is
 * removed by the next save.
 */
class CheckpointsTest {

	@TempDir
	Path tmp;

	@Test
	void namesAreUniqueBoundAndLeftoversGo() throws Exception {
		try (Project p = Project.create(tmp.resolve("p"), new ImageRef("x.tif",
			"fp", 64, 64, 1, 8), new GridSpec(64, 64)))
		{
			final Path killed = Files.createDirectories(p.modelsDir().resolve(
				".task-20260101-000000-dead1234"));
			Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(
				Duration.ofHours(2))));
			final Path fresh = Files.createDirectories(p.modelsDir().resolve(
				".task-running"));
			final Set<String> names = new HashSet<>();
			for (int i = 0; i < 20; i++) {
				final String rel = Checkpoints.write(p, "task", f -> Files.writeString(f
					.resolve("ckpt.index"), "w"));
				assertTrue(names.add(rel), "unique: " + rel);
				final Path dir = p.checkpointPath(p.models().add(ModelVersion.of(
					ModelKind.TASK, "{}", rel, 1, 1, "CPU", "{}")));
				assertEquals(p.uuid(), Files.readString(dir.resolve(
					Project.CHECKPOINT_OWNER)));
			}
			assertFalse(Files.exists(killed), "a killed run's temp folder is gone");
			assertTrue(Files.exists(fresh), "a running save's temp folder stays");
		}
	}
}
