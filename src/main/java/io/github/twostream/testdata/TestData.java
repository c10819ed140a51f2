package io.github.twostream.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.twostream.volume.LabelImages;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/**
 * Deterministic synthetic EM-like test data: 8-bit serial-section volumes
 * with cell membranes and mitochondria, plus their label images.
 * <p>
 * Structures are defined in 3-D (anisotropic: one slice is
 * {@link #Z_STEP} pixels thick, like 50 nm sections at ~8 nm pixels), so they
 * continue smoothly from slice to slice:
 * </p>
 * <ul>
 * <li>background: 3-D value noise (cytoplasm texture), bright;</li>
 * <li>membranes: boundaries of a domain-warped 3-D Voronoi tessellation
 * (cells), ~2.5 px thick, with gaps (open curves);</li>
 * <li>mitochondria: warped ellipsoids, dark rim and lighter striped interior
 * (cristae), added until ~10 % of the pixels are mitochondria;</li>
 * <li>then a mild Gaussian blur (sigma 0.8 px) and Gaussian noise (sigma
 * 10).</li>
 * </ul>
 * <p>
 * NB: only {@link Random} (a specified algorithm), {@link StrictMath} and
 * exact IEEE operations are used, so the same seed gives byte-identical
 * files on every JVM.
 * </p>
 */
public final class TestData {

	public static final int SIZE = 256, TRAIN_DEPTH = 16, TEST_DEPTH = 8;
	/** Thickness of one slice, in pixels (anisotropic serial sections). */
	static final double Z_STEP = 5.0;
	/** Fraction of mitochondrion pixels the generator aims for. */
	static final double MITO_TARGET = 0.10;

	/** Names of the files {@link #generate} writes. */
	public static final List<String> FILES = List.of("train-volume.tif",
		"train-labels.tif", "train-membranes.tif", "test-volume.tif",
		"test-labels.tif", "test-membranes.tif", "README.md");

	private TestData() {}

	/** One generated volume and its labels (z-major, row-major slices). */
	record Generated(byte[][] image, byte[][] mito, byte[][] membranes) {

		double mitoFraction() {
			long n = 0, total = 0;
			for (final byte[] s : mito) {
				for (final byte b : s)
					if (b != 0) n++;
				total += s.length;
			}
			return (double) n / total;
		}
	}

	/** Writes the train and test volumes with their labels and a README. */
	public static void generate(final Path dir, final long seed) {
		generate(dir, seed, Progress.NONE);
	}

	/** As {@link #generate(Path, long)}, reporting progress. */
	public static void generate(final Path dir, final long seed,
		final Progress progress)
	{
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new UserException("Cannot create folder " + dir + " (" + e
				.getMessage() + ")", "choose a writable folder");
		}
		progress.status("Generating training volume");
		final Generated train = volume(TRAIN_DEPTH, SIZE, SIZE, seed * 2 + 1);
		progress.checkCancelled();
		progress.status("Generating test volume");
		final Generated test = volume(TEST_DEPTH, SIZE, SIZE, seed * 2 + 2);
		progress.checkCancelled();
		write(dir, "train", train);
		write(dir, "test", test);
		writeReadme(dir, seed, train, test);
	}

	private static void write(final Path dir, final String prefix,
		final Generated g)
	{
		final int d = g.image().length;
		// NB: LabelImages.write is our generic atomic 8-bit TIFF stack writer
		LabelImages.write(dir.resolve(prefix + "-volume.tif"), SIZE, SIZE, d,
			z -> g.image()[z]);
		LabelImages.write(dir.resolve(prefix + "-labels.tif"), SIZE, SIZE, d,
			z -> g.mito()[z]);
		LabelImages.write(dir.resolve(prefix + "-membranes.tif"), SIZE, SIZE, d,
			z -> g.membranes()[z]);
	}

	/** Generates one {@code d x h x w} volume. */
	static Generated volume(final int d, final int h, final int w,
		final long seed)
	{
		final int n = w * h;
		final Noise texture = new Noise(new Random(seed ^ 0x7E57L), 24);
		final Noise fine = new Noise(new Random(seed ^ 0xF1E5L), 6);
		final Noise warpX = new Noise(new Random(seed ^ 0xA1L), 40);
		final Noise warpY = new Noise(new Random(seed ^ 0xA2L), 40);
		final Noise gaps = new Noise(new Random(seed ^ 0x6A95L), 30);
		final double[][] cells = cellSeeds(new Random(seed ^ 0xCE11L), d, h, w);
		final byte[][] mito = new byte[d][n];
		final float[][] mitoValue = new float[d][n]; // NaN = not mitochondrion
		placeMitochondria(new Random(seed ^ 0x3170L), d, h, w, mito, mitoValue);

		final byte[][] membranes = new byte[d][n];
		final float[][] img = new float[d][n];
		for (int z = 0; z < d; z++) {
			final double pz = z * Z_STEP;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final int i = y * w + x;
					double v = 165 + 16 * texture.at(x, y, pz) + 7 * fine.at(x, y, pz);
					if (mito[z][i] != 0) v = mitoValue[z][i];
					else {
						final double wx = x + 7 * warpX.at(x, y, pz);
						final double wy = y + 7 * warpY.at(x, y, pz);
						final double dist = distanceToCellBoundary(cells, wx, wy, pz);
						if (dist < 1.3 && gaps.at(x, y, pz) > -0.55) {
							membranes[z][i] = (byte) 255;
							v = 55 + 10 * fine.at(x, y, pz);
						}
					}
					img[z][i] = (float) v;
				}
		}
		final Random noise = new Random(seed ^ 0x0015EL);
		final byte[][] image = new byte[d][];
		for (int z = 0; z < d; z++) {
			final float[] s = blur(img[z], w, h, 0.8);
			final byte[] b = new byte[n];
			for (int i = 0; i < n; i++) {
				final double v = s[i] + 10 * noise.nextGaussian();
				b[i] = (byte) Math.max(0, Math.min(255, (int) StrictMath.floor(v +
					0.5)));
			}
			image[z] = b;
		}
		return new Generated(image, mito, membranes);
	}

	/** Seeds of the 3-D cells (~60 px across), covering a margin around. */
	private static double[][] cellSeeds(final Random rng, final int d,
		final int h, final int w)
	{
		final double margin = 40, zExtent = d * Z_STEP;
		final double vol = (w + 2 * margin) * (h + 2 * margin) * (zExtent + 2 *
			margin);
		final int count = (int) Math.ceil(vol / (55.0 * 55 * 55));
		final double[][] s = new double[count][];
		for (int k = 0; k < count; k++)
			s[k] = new double[] { -margin + rng.nextDouble() * (w + 2 * margin),
				-margin + rng.nextDouble() * (h + 2 * margin), -margin + rng
					.nextDouble() * (zExtent + 2 * margin) };
		return s;
	}

	/** Distance from p to the bisector plane of its two nearest seeds. */
	private static double distanceToCellBoundary(final double[][] seeds,
		final double x, final double y, final double z)
	{
		int a = -1, b = -1;
		double da = Double.MAX_VALUE, db = Double.MAX_VALUE;
		for (int k = 0; k < seeds.length; k++) {
			final double dx = x - seeds[k][0], dy = y - seeds[k][1], dz = z -
				seeds[k][2];
			final double d2 = dx * dx + dy * dy + dz * dz;
			if (d2 < da) {
				db = da;
				b = a;
				da = d2;
				a = k;
			}
			else if (d2 < db) {
				db = d2;
				b = k;
			}
		}
		final double sx = seeds[a][0] - seeds[b][0], sy = seeds[a][1] -
			seeds[b][1], sz = seeds[a][2] - seeds[b][2];
		final double sep = Math.sqrt(sx * sx + sy * sy + sz * sz);
		// NB: measured within the slice (divide by the in-plane part of the
		// plane normal) so membranes stay ~2.5 px thick however they are cut
		final double inPlane = Math.sqrt(sx * sx + sy * sy) / sep;
		return inPlane < 1e-6 ? Double.MAX_VALUE : (db - da) / (2 * sep) /
			inPlane;
	}

	/**
	 * Adds warped ellipsoids (not overlapping each other) until about
	 * {@link #MITO_TARGET} of the voxels are mitochondria.
	 */
	private static void placeMitochondria(final Random rng, final int d,
		final int h, final int w, final byte[][] mask, final float[][] value)
	{
		for (final float[] v : value)
			java.util.Arrays.fill(v, Float.NaN);
		final Noise wobble = new Noise(new Random(rng.nextLong()), 12);
		final Noise cristae = new Noise(new Random(rng.nextLong()), 8);
		final long total = (long) d * h * w;
		long inside = 0;
		for (int attempt = 0; attempt < 2000 && inside < MITO_TARGET *
			total; attempt++)
		{
			final double a = 12 + 12 * rng.nextDouble(); // long semi-axis
			final double b = 6 + 4 * rng.nextDouble(); // short semi-axis
			final double c = 12 + 25 * rng.nextDouble(); // along z (px)
			final double theta = rng.nextDouble() * StrictMath.PI;
			final double cx = rng.nextDouble() * w, cy = rng.nextDouble() * h;
			final double cz = -c / 2 + rng.nextDouble() * (d * Z_STEP + c);
			final double cos = StrictMath.cos(theta), sin = StrictMath.sin(theta);
			final double stripePeriod = 4.5 + 2 * rng.nextDouble();
			final List<int[]> voxels = new ArrayList<>();
			final List<float[]> values = new ArrayList<>();
			boolean overlaps = false;
			final int r = (int) Math.ceil(a * 1.2);
			final int z0 = Math.max(0, (int) Math.floor((cz - c) / Z_STEP));
			final int z1 = Math.min(d - 1, (int) Math.ceil((cz + c) / Z_STEP));
			for (int z = z0; z <= z1 && !overlaps; z++) {
				final double dz = (z * Z_STEP - cz) / c;
				for (int y = Math.max(0, (int) cy - r); y <= Math.min(h - 1, (int) cy +
					r) && !overlaps; y++)
					for (int x = Math.max(0, (int) cx - r); x <= Math.min(w - 1,
						(int) cx + r); x++)
					{
						final double u = (x - cx) * cos + (y - cy) * sin;
						final double v = -(x - cx) * sin + (y - cy) * cos;
						final double rho = Math.sqrt(u * u / (a * a) + v * v / (b * b) +
							dz * dz);
						final double edge = 1 + 0.12 * wobble.at(x, y, z * Z_STEP);
						if (rho >= edge) continue;
						final int i = y * w + x;
						if (mask[z][i] != 0) {
							overlaps = true;
							break;
						}
						// in-plane distance to the boundary, roughly, in pixels
						final double depthPx = (edge - rho) * b;
						final double val = depthPx < 2.2 ? 50 + 8 * cristae.at(x, y, z *
							Z_STEP) : 118 + 22 * StrictMath.sin(2 * StrictMath.PI * (u +
								2.5 * cristae.at(x, y, z * Z_STEP)) / stripePeriod) + 6 *
									cristae.at(y, x, z * Z_STEP);
						voxels.add(new int[] { z, i });
						values.add(new float[] { (float) val });
					}
			}
			if (overlaps || voxels.isEmpty()) continue;
			for (int k = 0; k < voxels.size(); k++) {
				final int[] zi = voxels.get(k);
				mask[zi[0]][zi[1]] = (byte) 255;
				value[zi[0]][zi[1]] = values.get(k)[0];
			}
			inside += voxels.size();
		}
	}

	/**
	 * Separable Gaussian blur with clamped borders. NB: hand-written (not
	 * ImageJ's GaussianBlur) so the kernel uses StrictMath and the output is
	 * bit-for-bit reproducible on every JVM.
	 */
	static float[] blur(final float[] in, final int w, final int h,
		final double sigma)
	{
		final int r = (int) Math.ceil(3 * sigma);
		final double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += k[i + r] = StrictMath.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++)
			k[i] /= sum;
		final float[] tmp = new float[in.length], out = new float[in.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * in[y * w + Math.max(0, Math.min(w - 1, x + i))];
				tmp[y * w + x] = (float) s;
			}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
				out[y * w + x] = (float) s;
			}
		return out;
	}

	/**
	 * Smooth 3-D value noise in [-1, 1] on a random lattice with the given cell
	 * size (pixels), smoothstep-interpolated; the lattice wraps every 64 cells.
	 */
	static final class Noise {

		private static final int N = 64;
		private final double[] lattice = new double[N * N * N];
		private final double cell;

		Noise(final Random rng, final double cell) {
			this.cell = cell;
			for (int i = 0; i < lattice.length; i++)
				lattice[i] = 2 * rng.nextDouble() - 1;
		}

		double at(final double x, final double y, final double z) {
			final double fx = x / cell + N * 4, fy = y / cell + N * 4, fz = z / cell +
				N * 4; // NB: offset keeps coordinates positive
			final int ix = (int) fx, iy = (int) fy, iz = (int) fz;
			final double tx = smooth(fx - ix), ty = smooth(fy - iy), tz = smooth(fz -
				iz);
			double v = 0;
			for (int dz = 0; dz <= 1; dz++)
				for (int dy = 0; dy <= 1; dy++)
					for (int dx = 0; dx <= 1; dx++) {
						final double wgt = (dx == 0 ? 1 - tx : tx) * (dy == 0 ? 1 - ty
							: ty) * (dz == 0 ? 1 - tz : tz);
						v += wgt * lattice[(((iz + dz) % N) * N + (iy + dy) % N) * N + (ix +
							dx) % N];
					}
			return v;
		}

		private static double smooth(final double t) {
			return t * t * (3 - 2 * t);
		}
	}

	private static void writeReadme(final Path dir, final long seed,
		final Generated train, final Generated test)
	{
		final String text = String.format(Locale.ROOT, """
			# Synthetic EM-like test data

			Generated by `io.github.twostream.testdata.TestData` with seed **%d**:

			    ./twostream generate-test-data DIR --seed %d

			The same seed always gives byte-identical files.

			| file | shape (Z, Y, X) | content |
			| --- | --- | --- |
			| `train-volume.tif` | (%d, %d, %d) | 8-bit grayscale training volume |
			| `train-labels.tif` | (%d, %d, %d) | mitochondria: 255 = mitochondrion, 0 = background (%.1f %% of pixels) |
			| `train-membranes.tif` | (%d, %d, %d) | membranes: 255 = membrane, 0 = other |
			| `test-volume.tif` | (%d, %d, %d) | 8-bit grayscale test volume (independent structures) |
			| `test-labels.tif` | (%d, %d, %d) | mitochondria labels, as above (%.1f %% of pixels) |
			| `test-membranes.tif` | (%d, %d, %d) | membrane labels, as above |

			All files are uncompressed multi-page 8-bit TIFFs written by ImageJ 1; labels
			have exactly the shape of their volume.

			## How it is made

			Structures are 3-D and anisotropic (one slice = %.0f pixels of depth, like
			serial sections), so they continue smoothly from slice to slice:

			- background: bright (~165) cytoplasm texture from 3-D value noise;
			- membranes: boundaries of a domain-warped 3-D Voronoi tessellation (cells
			  ~55 px across), ~2.5 px thick, dark (~55), with a few gaps (open curves);
			- mitochondria: warped ellipsoids (12-24 x 6-10 px in plane) with a dark rim
			  (~2 px, ~50) and a lighter striped interior (cristae, ~118 +- 22), placed
			  without overlap until ~%.0f %% of the pixels are mitochondria;
			- finally a Gaussian blur (sigma 0.8 px) and Gaussian noise (sigma 10).

			Label conventions follow the ISBI 2012 / Lucchi style used by the tool:
			255 = foreground class, 0 = background.
			""", seed, seed, TRAIN_DEPTH, SIZE, SIZE, TRAIN_DEPTH, SIZE, SIZE, 100 *
			train.mitoFraction(), TRAIN_DEPTH, SIZE, SIZE, TEST_DEPTH, SIZE, SIZE,
			TEST_DEPTH, SIZE, SIZE, 100 * test.mitoFraction(), TEST_DEPTH, SIZE, SIZE,
			Z_STEP, 100 * MITO_TARGET);
		try {
			Files.writeString(dir.resolve("README.md"), text, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + dir.resolve("README.md") +
				" (" + e.getMessage() + ")", "check that " + dir + " is writable");
		}
	}
}
