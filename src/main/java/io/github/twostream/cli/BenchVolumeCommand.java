package io.github.twostream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.twostream.volume.BigTiffs;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark (not a test): streams a large 8-bit TIFF to disk, opens it with
 * {@link Volumes#open} and reads every 64 x 64 patch, printing time,
 * patches/s and the peak RSS. Run it with a small heap, e.g.
 * {@code TWOSTREAM_JAVA_OPTS=-Xmx1g ./twostream bench-volume}.
 */
@Command(name = "bench-volume", mixinStandardHelpOptions = true,
	description = "Benchmark: write a large TIFF (default ~4 GB), read all 64x64 patches, print speed and peak memory.")
public class BenchVolumeCommand implements Callable<Integer> {

	@Option(names = "--dir", description = "Folder for the temporary TIFF (default: system temp).")
	Path dir;

	@Option(names = "--slices", defaultValue = "1000", description = "Number of slices (default ${DEFAULT-VALUE}).")
	int slices;

	@Option(names = "--size", defaultValue = "2048", description = "Width and height of a slice (default ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--patch", defaultValue = "64", description = "Patch size (default ${DEFAULT-VALUE}).")
	int patch;

	@Option(names = "--keep", description = "Keep the TIFF afterwards.")
	boolean keep;

	@Option(names = "--hdf5", description = "Write an HDF5 file with jhdf instead (in memory first, so use e.g. --slices 64).")
	boolean hdf5;

	@Override
	public Integer call() throws IOException {
		final Path folder = dir == null ? Path.of(System.getProperty(
			"java.io.tmpdir")) : dir;
		final Path tif = Files.createTempFile(folder, "bench-volume-", hdf5
			? ".h5" : ".tif");
		final ConsoleProgress progress = new ConsoleProgress();
		try {
			final long t0 = System.nanoTime();
			if (hdf5) writeHdf5(tif, progress);
			else BigTiffs.writeSynthetic8Bit(tif, size, size, slices, progress);
			final double writeS = (System.nanoTime() - t0) / 1e9;
			final long bytes = Files.size(tif);
			System.out.printf("wrote %s: %d x %d x %d, %.2f GB in %.1f s (%.0f MB/s)%n",
				tif, size, size, slices, bytes / 1e9, writeS, bytes / 1e6 / writeS);
			final long t1 = System.nanoTime();
			long n = 0;
			double checksum = 0;
			try (Volume v = Volumes.open(tif.toString())) {
				final double openS = (System.nanoTime() - t1) / 1e9;
				final PatchGrid grid = new PatchGrid(v.depth(), v.height(), v.width(),
					patch, patch);
				progress.status("Reading " + grid.size() + " patches");
				float[] buf = null;
				for (final Patch p : grid.patches()) {
					buf = v.readPatch(p, buf);
					checksum += buf[0];
					if (++n % 50000 == 0) {
						progress.progress(n, grid.size());
						progress.checkCancelled();
					}
				}
				final double readS = (System.nanoTime() - t1) / 1e9;
				verify(v);
				System.out.printf(
					"open+normalise %.2f s; read %d patches (%dx%d) in %.1f s: %.0f patches/s, %.0f MB/s; checksum %.3f%n",
					openS, n, patch, patch, readS, n / readS, bytes / 1e6 / readS,
					checksum);
			}
			System.out.println("max heap " + Runtime.getRuntime().maxMemory() /
				(1 << 20) + " MB; peak RSS (VmHWM) " + peakRss());
			return 0;
		}
		finally {
			if (!keep) Files.deleteIfExists(tif);
		}
	}

	/**
	 * NB: jhdf 0.9.4 writes whole in-memory arrays only (and Java bytes as
	 * signed int8), so this is limited by the heap; TIFF is the big-file path.
	 */
	private void writeHdf5(final Path file, final ConsoleProgress progress) {
		final long bytes = (long) slices * size * size;
		if (bytes > Runtime.getRuntime().maxMemory() / 3)
			throw new io.github.twostream.util.UserException("An HDF5 benchmark of " +
				bytes / (1 << 20) + " MB does not fit in memory",
				"use fewer --slices (jhdf writes from memory)");
		progress.status("Writing HDF5 " + file);
		final byte[][][] data = new byte[slices][size][size];
		for (int z = 0; z < slices; z++)
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					data[z][y][x] = (byte) BigTiffs.syntheticValue(x, y, z);
		try (io.jhdf.WritableHdfFile out = io.jhdf.HdfFile.write(file)) {
			out.putDataset("raw", data);
		}
	}

	/**
	 * Checks raw pixels at the start, middle and end of the file against the
	 * generator (the slices past 4 GB exercise ImageJ's large-stack offsets).
	 */
	static void verify(final Volume v) {
		final var ra = v.raw().randomAccess();
		int checked = 0;
		for (final int z : new int[] { 0, v.depth() / 2, v.depth() - 1 })
			for (final int[] xy : new int[][] { { 0, 0 }, { v.width() - 1, v
				.height() - 1 }, { 1234 % v.width(), 567 % v.height() } })
			{
				ra.setPosition(new int[] { xy[0], xy[1], z });
				final int value = BigTiffs.syntheticValue(xy[0], xy[1], z);
				// NB: jhdf stores Java bytes as signed int8
				final int expected = v.source().contains("#") ? (byte) value : value;
				if ((int) ra.get().getRealDouble() != expected)
					throw new IllegalStateException("pixel " + xy[0] + "," + xy[1] +
						"," + z + " reads " + ra.get() + ", expected " + expected);
				checked++;
			}
		System.out.println("verified " + checked +
			" raw pixels (first, middle, last slice) against the generator");
	}

	static String peakRss() {
		try {
			for (final String line : Files.readAllLines(Path.of(
				"/proc/self/status")))
				if (line.startsWith("VmHWM:")) return line.substring(6).trim();
		}
		catch (final IOException | RuntimeException e) {
			// not Linux
		}
		return "n/a";
	}
}
