package io.github.twostream.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.github.twostream.store.GridSpec;
import io.github.twostream.store.ImageRef;
import io.github.twostream.store.Project;
import io.github.twostream.util.BadArgumentException;
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
		checkPatch(patchSize);
		final String spec = absoluteSpec(imageSpec);
		final Volume volume = Volumes.open(spec);
		try {
			if (patchSize > volume.width() || patchSize > volume.height())
				throw new BadArgumentException("The image (" + volume.width() + " x " +
					volume.height() + ") is smaller than one " + patchSize + " x " +
					patchSize + " patch", "use a smaller --patch (at most " + Math.min(
						volume.width(), volume.height()) + ")");
			if (stride < 1 || stride > patchSize) throw new BadArgumentException(
				"Stride " + stride + " must be between 1 and the patch size " +
					patchSize, "use a stride from 1 to " + patchSize);
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

	/** Smallest patch side the models train on. */
	public static final int MIN_PATCH = 16;

	/**
	 * Refuses a patch size the models cannot use: below {@value #MIN_PATCH} or
	 * not a multiple of 4 (the U-Net halves it twice).
	 */
	static void checkPatch(final int patchSize) {
		if (patchSize < MIN_PATCH || patchSize % 4 != 0)
			throw new BadArgumentException("Patch size " + patchSize +
				" cannot be used" + (patchSize < MIN_PATCH ? " (below " + MIN_PATCH +
					" px)" : " (not a multiple of 4)"),
				"use a multiple of 4 from " + MIN_PATCH + " px up (default 64)");
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

	/**
	 * Points the project in {@code dir} at the image's new place. The image's
	 * content must match the project's fingerprint unless {@code force}.
	 *
	 * @return true if the content matched; false if forced over a mismatch
	 * @throws UserException if the content differs and not {@code force}, or
	 *           the shape differs, or the image is a file of the project
	 */
	public static boolean relink(final Path dir, final String imageSpec,
		final boolean force)
	{
		final String spec = absoluteSpec(imageSpec);
		try (Project project = Project.open(dir); Volume v = Volumes.open(spec)) {
			final ImageRef shape = new ImageRef(spec, "", v.width(), v.height(), v
				.depth(), v.bitDepth());
			if (!project.image().sameShape(shape)) project.relinkImage(shape); // NB: throws the shape error
			final String fingerprint = Volumes.fingerprint(spec);
			final boolean same = project.image().fingerprint().equals(fingerprint);
			if (!same && !force) throw new UserException("The image " + imageSpec +
				" is not the project's image: its content differs from the one the " +
				"project was made for (fingerprint " + fingerprint.substring(0, 12) +
				" vs " + project.image().fingerprint().substring(0, 12) + ")",
				"give the original image at its new place; only if you re-saved or " +
					"converted the very same pixels, relink with --force");
			project.relinkImage(new ImageRef(spec, fingerprint, v.width(), v
				.height(), v.depth(), v.bitDepth()));
			return same;
		}
	}

	static String absoluteSpec(final String spec) {
		final String file = filePart(spec);
		final String rest = spec.substring(file.length());
		return Paths.get(file).toAbsolutePath().normalize() + rest;
	}

	/** The file of an image spec (without an HDF5 {@code #dataset}). */
	public static String filePart(final String spec) {
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
