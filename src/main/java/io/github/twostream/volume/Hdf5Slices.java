package io.github.twostream.volume;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.github.twostream.util.UserException;

/**
 * Lazy slice access to a 3-D numeric HDF5 dataset (axes Z, Y, X in C order,
 * as written by h5py/numpy), through jhdf (pure Java). Each slice is one
 * hyperslab read {@code getData({z,0,0}, {1,h,w})}.
 */
final class Hdf5Slices implements SliceSource {

	private final Path file;
	private final HdfFile hdf;
	private final Dataset dataset;
	private final int depth, height, width, bitDepth;
	private final long fileSize;
	private FileChannel channel;
	private final boolean fastPath;

	private Hdf5Slices(final Path file, final HdfFile hdf, final Dataset dataset,
		final long fileSize, final boolean fastPath)
	{
		this.fastPath = fastPath;
		this.file = file;
		this.hdf = hdf;
		this.dataset = dataset;
		final int[] dims = dataset.getDimensions();
		this.depth = dims[0];
		this.height = dims[1];
		this.width = dims[2];
		this.bitDepth = bitDepth(dataset);
		this.fileSize = fileSize;
	}

	/**
	 * Opens {@code datasetPath} in {@code file}; if it is null, the first 3-D
	 * numeric dataset (depth-first, in name order).
	 */
	static Hdf5Slices open(final Path file, final String datasetPath) {
		return open(file, datasetPath, true);
	}

	/** @param fastPath false forces jhdf's generic reader (for tests) */
	static Hdf5Slices open(final Path file, final String datasetPath,
		final boolean fastPath)
	{
		final long size = Volumes.requireFile(file);
		final HdfFile hdf;
		try {
			hdf = new HdfFile(file);
		}
		catch (final HdfException | IllegalArgumentException e) {
			throw new UserException(file + " is not a readable HDF5 file (" + e
				.getMessage() + ")", "check the file, or export the volume as TIFF from Fiji");
		}
		try {
			final Dataset ds = datasetPath == null ? first3d(file, hdf) : find(file,
				hdf, datasetPath);
			check(file, ds);
			return new Hdf5Slices(file, hdf, ds, size, fastPath);
		}
		catch (final RuntimeException e) {
			hdf.close();
			throw e;
		}
	}

	private static Dataset find(final Path file, final HdfFile hdf,
		final String path)
	{
		final Node node;
		try {
			node = hdf.getByPath(path);
		}
		catch (final HdfException e) {
			throw new UserException("HDF5 file " + file + " has no dataset " +
				path, "use one of: " + describe(hdf) + " (as FILE.h5#/path)");
		}
		if (!(node instanceof Dataset ds)) throw new UserException(path +
			" in " + file + " is a group, not a dataset", "use one of: " + describe(
				hdf) + " (as FILE.h5#/path)");
		return ds;
	}

	private static Dataset first3d(final Path file, final HdfFile hdf) {
		final List<Dataset> all = new ArrayList<>();
		collect(hdf, all);
		for (final Dataset ds : all)
			if (ds.getDimensions().length == 3 && isNumeric(ds)) return ds;
		throw new UserException("HDF5 file " + file +
			" has no 3-D numeric dataset" + (all.isEmpty() ? "" : " (found: " +
				describe(hdf) + ")"),
			"store the volume as a 3-D (Z, Y, X) dataset, or name one with FILE.h5#/path");
	}

	private static void collect(final Group group, final List<Dataset> out) {
		final List<String> names = new ArrayList<>(group.getChildren().keySet());
		names.sort(null);
		for (final String n : names) {
			final Node child = group.getChild(n);
			if (child instanceof Dataset ds) out.add(ds);
			else if (child instanceof Group g && !child.isLink()) collect(g, out);
		}
	}

	private static String describe(final HdfFile hdf) {
		final List<Dataset> all = new ArrayList<>();
		collect(hdf, all);
		if (all.isEmpty()) return "(no datasets in this file)";
		return all.stream().limit(10).map(d -> d.getPath() + " " + Arrays
			.toString(d.getDimensions())).collect(Collectors.joining(", "));
	}

	private static boolean isNumeric(final Dataset ds) {
		return ds.getDataType() instanceof FixedPoint || ds
			.getDataType() instanceof FloatingPoint;
	}

	private static void check(final Path file, final Dataset ds) {
		final int[] dims = ds.getDimensions();
		if (dims.length != 3) throw new UserException("Dataset " + ds.getPath() +
			" in " + file + " is " + dims.length + "-D " + Arrays.toString(dims) +
			", but a 3-D (Z, Y, X) volume is needed",
			"name a 3-D dataset with FILE.h5#/path, or reshape it to (Z, Y, X)");
		if (!isNumeric(ds)) throw new UserException("Dataset " + ds.getPath() +
			" in " + file + " is not numeric", "name a numeric 3-D dataset with FILE.h5#/path");
		if (dims[1] < Volumes.MIN_SIDE || dims[2] < Volumes.MIN_SIDE || dims[0] <
			1) throw new UserException("Dataset " + ds.getPath() + " in " + file +
				" is only " + dims[2] + " x " + dims[1] + " x " + dims[0] +
				" pixels, too small for an EM volume", "use a volume of at least " +
					Volumes.MIN_SIDE + " x " + Volumes.MIN_SIDE + " pixels per slice");
	}

	private static int bitDepth(final Dataset ds) {
		if (ds.getDataType() instanceof FixedPoint fp && !fp.isSigned()) {
			if (fp.getSize() == 1) return 8;
			if (fp.getSize() == 2) return 16;
		}
		return 32;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public int depth() {
		return depth;
	}

	@Override
	public int bitDepth() {
		return bitDepth;
	}

	@Override
	public String source() {
		return file + "#" + dataset.getPath();
	}

	@Override
	public long fileSize() {
		return fileSize;
	}

	@Override
	public synchronized Object readSlice(final int z) {
		final Object fast = readContiguous(z);
		if (fast != null) return fast;
		final Object data;
		try {
			data = dataset.getData(new long[] { z, 0, 0 }, new int[] { 1, height,
				width });
		}
		catch (final HdfException e) {
			throw new UserException("Cannot read slice " + (z + 1) + " of " +
				source() + " (" + e.getMessage() + ")", "check that the HDF5 file is complete and readable");
		}
		final Object rows = Array.get(data, 0); // [h][w]
		final int n = width * height;
		final Object first = Array.get(rows, 0);
		if (bitDepth == 8 && first instanceof byte[]) {
			final byte[] out = new byte[n];
			for (int y = 0; y < height; y++)
				System.arraycopy(Array.get(rows, y), 0, out, y * width, width);
			return out;
		}
		if (bitDepth == 8 || bitDepth == 16) {
			// NB: jhdf widens unsigned integers to the next signed Java type
			final boolean eight = bitDepth == 8;
			final byte[] b = eight ? new byte[n] : null;
			final short[] s = eight ? null : new short[n];
			for (int y = 0; y < height; y++) {
				final Object row = Array.get(rows, y);
				final int o = y * width;
				if (row instanceof short[] r) { // uint8 widened
					for (int x = 0; x < width; x++)
						if (eight) b[o + x] = (byte) r[x];
						else s[o + x] = r[x];
				}
				else if (row instanceof int[] r) { // uint16 widened
					for (int x = 0; x < width; x++)
						if (eight) b[o + x] = (byte) r[x];
						else s[o + x] = (short) r[x];
				}
				else for (int x = 0; x < width; x++) {
					final int v = ((Number) Array.get(row, x)).intValue();
					if (eight) b[o + x] = (byte) v;
					else s[o + x] = (short) v;
				}
			}
			return eight ? b : s;
		}
		final float[] out = new float[n];
		for (int y = 0; y < height; y++) {
			final Object row = Array.get(rows, y);
			if (row instanceof float[] f) System.arraycopy(f, 0, out, y * width,
				width);
			else if (row instanceof double[] d) for (int x = 0; x < width; x++)
				out[y * width + x] = (float) d[x];
			else if (row instanceof byte[] bb) for (int x = 0; x < width; x++)
				out[y * width + x] = bb[x];
			else if (row instanceof short[] ss) for (int x = 0; x < width; x++)
				out[y * width + x] = ss[x];
			else if (row instanceof int[] ii) for (int x = 0; x < width; x++)
				out[y * width + x] = ii[x];
			else if (row instanceof long[] ll) for (int x = 0; x < width; x++)
				out[y * width + x] = ll[x];
			else for (int x = 0; x < width; x++)
				out[y * width + x] = ((Number) Array.get(row, x)).floatValue();
		}
		return out;
	}

	/**
	 * Fast path for unfiltered contiguous datasets: one positional read of the
	 * slice's bytes. NB: jhdf's generic hyperslab read was ~10x slower (43
	 * MB/s); only used without a user block, where HDF5 addresses are file
	 * offsets. Returns null when not applicable.
	 */
	private Object readContiguous(final int z) {
		if (!fastPath || !(dataset instanceof ContiguousDataset cd) || hdf
			.getUserBlockSize() != 0 || !dataset.getFilters().isEmpty()) return null;
		final int size = dataset.getDataType().getSize();
		final ByteOrder order;
		if (dataset.getDataType() instanceof FixedPoint fp) order = fp
			.getByteOrder();
		else if (dataset.getDataType() instanceof FloatingPoint fl) order = fl
			.getByteOrder();
		else return null;
		final boolean floating = dataset.getDataType() instanceof FloatingPoint;
		final boolean signed = !floating && ((FixedPoint) dataset.getDataType())
			.isSigned();
		if (floating && size != 4 && size != 8) return null;
		final int n = width * height;
		final ByteBuffer buf = ByteBuffer.allocate(n * size).order(order);
		try {
			if (channel == null) channel = FileChannel.open(file,
				StandardOpenOption.READ);
			final long start = cd.getDataAddress() + (long) z * n * size;
			while (buf.hasRemaining())
				if (channel.read(buf, start + buf.position()) < 0) throw new IOException(
					"unexpected end of file");
		}
		catch (final IOException e) {
			throw new UserException("Cannot read slice " + (z + 1) + " of " +
				source() + " (" + e.getMessage() + ")",
				"check that the HDF5 file is complete and readable");
		}
		buf.flip();
		if (bitDepth == 8) return buf.array();
		if (bitDepth == 16) {
			final short[] out = new short[n];
			buf.asShortBuffer().get(out);
			return out;
		}
		final float[] out = new float[n];
		for (int i = 0; i < n; i++)
			out[i] = switch (size) {
				case 1 -> buf.get(i);
				case 2 -> buf.getShort(2 * i);
				case 4 -> floating ? buf.getFloat(4 * i) : signed ? buf.getInt(4 * i)
					: buf.getInt(4 * i) & 0xffffffffL;
				default -> floating ? (float) buf.getDouble(8 * i) : buf.getLong(8 * i);
			};
		return out;
	}

	@Override
	public void close() {
		try {
			if (channel != null) channel.close();
		}
		catch (final IOException e) {
			// read-only: nothing to lose
		}
		hdf.close();
	}
}
