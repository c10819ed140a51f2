package io.github.twostream.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.github.twostream.store.GridSpec;
import io.github.twostream.store.ImageRef;
import io.github.twostream.store.Project;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

/**
 * An open project together with its image: what every headless tool of the
 * loop works on. Opening checks that the image is still there and unchanged
 * (fingerprint), so no tool ever pairs labels with the wrong pixels.
 */
public final class ProjectSession implements AutoCloseable {

	private final Project project;
	private final Volume volume;

	private ProjectSession(final Project project, final Volume volume) {
		this.project = project;
		this.volume = volume;
	}

	/**
	 * Creates a project in {@code dir} for the image {@code imageSpec}, with
	 * square patches of {@code patchSize} and the given stride.
	 */
	public static ProjectSession create(final Path dir, final String imageSpec,
		final int patchSize, final int stride)
	{
		final String spec = absoluteSpec(imageSpec);
		final Volume volume = Volumes.open(spec);
		try {
			final GridSpec grid = new GridSpec(patchSize, stride);
			// NB: validates the grid against the image before anything is written.
			grid.toGrid(volume.depth(), volume.height(), volume.width());
			final ImageRef ref = new ImageRef(spec, Volumes.fingerprint(spec), volume
				.width(), volume.height(), volume.depth(), volume.bitDepth());
			return new ProjectSession(Project.create(dir, ref, grid), volume);
		}
		catch (final RuntimeException e) {
			volume.close();
			throw e;
		}
	}

	/** Opens the project in {@code dir} and its image, checking the image. */
	public static ProjectSession open(final Path dir) {
		final Project project = Project.open(dir);
		try {
			final String spec = project.image().spec();
			final Path file = Paths.get(filePart(spec));
			if (!Files.exists(file)) throw new UserException("The project's image " +
				file + " is missing (moved or deleted)",
				"put it back, or point the project at its new place with 'twostream relink " +
					dir + " IMAGE'");
			project.checkImage(Volumes.fingerprint(spec));
			return new ProjectSession(project, Volumes.open(spec));
		}
		catch (final RuntimeException e) {
			project.close();
			throw e;
		}
	}

	/** Points the project in {@code dir} at the image's new place. */
	public static void relink(final Path dir, final String imageSpec) {
		final String spec = absoluteSpec(imageSpec);
		try (Project project = Project.open(dir); Volume v = Volumes.open(spec)) {
			project.relinkImage(new ImageRef(spec, Volumes.fingerprint(spec), v
				.width(), v.height(), v.depth(), v.bitDepth()));
		}
	}

	static String absoluteSpec(final String spec) {
		final String file = filePart(spec);
		final String rest = spec.substring(file.length());
		return Paths.get(file).toAbsolutePath().normalize() + rest;
	}

	static String filePart(final String spec) {
		final int hash = spec.indexOf('#');
		return hash < 0 ? spec : spec.substring(0, hash);
	}

	public Project project() {
		return project;
	}

	public Volume volume() {
		return volume;
	}

	public PatchGrid grid() {
		return project.grid();
	}

	/** The device TensorFlow actually runs on ("CPU", "GPU:0"). */
	public String device() {
		return io.github.twostream.model.tf.TfRuntime.get().device();
	}

	@Override
	public void close() {
		try {
			volume.close();
		}
		finally {
			project.close();
		}
	}
}
