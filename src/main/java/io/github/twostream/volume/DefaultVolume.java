package io.github.twostream.volume;

import java.util.Arrays;
import java.util.Optional;

import io.github.twostream.util.UserException;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A {@link Volume} over a {@link SliceSource}, with an LRU slice cache and
 * percentile normalisation computed once from a deterministic sample.
 * <p>
 * Small files are kept whole once read (cache as deep as the volume); large
 * ones keep only a few slices, so memory stays bounded whatever the file
 * size. 32-bit slices are checked for NaN/Inf when they are read; small
 * files are scanned completely when opened.
 * </p>
 */
final class DefaultVolume implements Volume {

	/** Slices sampled for the normalisation percentiles. */
	static final int SAMPLE_SLICES = 16;
	/** Pixels sampled per slice for the normalisation percentiles. */
	static final int SAMPLE_PIXELS = 1 << 16;
	static final double LOW_PERCENTILE = 1.0, HIGH_PERCENTILE = 99.8;

	private final SliceSource source;
	private final SliceCache cache;
	private final LazySlicesImg raw;
	private volatile Normalization normalization;

	DefaultVolume(final SliceSource source, final long cacheBudgetBytes) {
		this.source = source;
		this.cache = new SliceCache(source, cacheBudgetBytes, this::checkFinite);
		this.raw = new LazySlicesImg(source.width(), source.height(), source
			.depth(), cache::get);
	}

	/** Scans every slice for NaN/Inf, reporting the total and first slice. */
	void checkAllFinite() {
		if (source.bitDepth() != 32) return;
		long total = 0;
		int first = -1;
		for (int z = 0; z < source.depth(); z++) {
			final Object pixels = source.readSlice(z);
			final long n = Pixels.countNonFinite(pixels);
			if (n > 0 && first < 0) first = z;
			total += n;
			if (total == 0) cache.prime(z, pixels); // NB: no second read later
		}
		if (total > 0) throw nonFinite(total, first, true);
	}

	private void checkFinite(final int z, final Object pixels) {
		final long n = Pixels.countNonFinite(pixels);
		if (n > 0) throw nonFinite(n, z, false);
	}

	private UserException nonFinite(final long n, final int z,
		final boolean whole)
	{
		return new UserException(source.source() + " has " + n +
			" NaN/Inf pixel" + (n == 1 ? "" : "s") + (whole ? " (first in slice " +
				(z + 1) + " of " + source.depth() + ")" : " in slice " + (z + 1) +
					" of " + source.depth()),
			"replace them in Fiji (Process > Math > Remove NaNs..., or Process > Math > Set for Inf) and save again");
	}

	@Override
	public int width() {
		return source.width();
	}

	@Override
	public int height() {
		return source.height();
	}

	@Override
	public int depth() {
		return source.depth();
	}

	@Override
	public int bitDepth() {
		return source.bitDepth();
	}

	@Override
	public Optional<VoxelSize> voxelSize() {
		return source.voxelSize();
	}

	@Override
	public String source() {
		return source.source();
	}

	@Override
	public RandomAccessibleInterval<FloatType> raw() {
		return raw;
	}

	@Override
	public Normalization normalization() {
		Normalization n = normalization;
		if (n == null) {
			synchronized (this) {
				n = normalization;
				if (n == null) normalization = n = computeNormalization();
			}
		}
		return n;
	}

	/**
	 * Percentiles over up to {@link #SAMPLE_SLICES} evenly spaced slices and up
	 * to {@link #SAMPLE_PIXELS} evenly strided pixels of each: deterministic
	 * and cheap on huge volumes.
	 */
	private Normalization computeNormalization() {
		final int d = depth();
		final int nz = Math.min(d, SAMPLE_SLICES);
		final int n = width() * height();
		final int step = Math.max(1, n / SAMPLE_PIXELS);
		final float[] sample = new float[nz * ((n + step - 1) / step)];
		int count = 0;
		for (int i = 0; i < nz; i++) {
			final int z = nz == 1 ? d / 2 : (int) Math.round((double) i * (d - 1) /
				(nz - 1));
			final Object pixels = cache.get(z);
			for (int p = 0; p < n; p += step)
				sample[count++] = Pixels.get(pixels, p);
		}
		Arrays.sort(sample, 0, count);
		return new Normalization(percentile(sample, count, LOW_PERCENTILE),
			percentile(sample, count, HIGH_PERCENTILE));
	}

	/** Linear-interpolated percentile of the first {@code n} sorted values. */
	static double percentile(final float[] sorted, final int n,
		final double pct)
	{
		final double pos = pct / 100 * (n - 1);
		final int lo = (int) Math.floor(pos);
		final int hi = Math.min(n - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	@Override
	public float[] readPatch(final Patch patch, final float[] out) {
		if (patch.z() < 0 || patch.z() >= depth() || patch.y() < 0 || patch
			.x() < 0 || patch.y() + patch.h() > height() || patch.x() + patch
				.w() > width()) throw new IllegalArgumentException("Patch " + patch +
					" outside volume " + width() + " x " + height() + " x " + depth());
		final float[] o = out == null || out.length < patch.size()
			? new float[patch.size()] : out;
		final Normalization norm = normalization();
		Pixels.copy(cache.get(patch.z()), width(), patch.y(), patch.x(), patch
			.h(), patch.w(), norm, o);
		return o;
	}

	@Override
	public float[] readSlice(final int z, final float[] out) {
		final int n = width() * height();
		final float[] o = out == null || out.length < n ? new float[n] : out;
		final Normalization norm = normalization();
		Pixels.copy(cache.get(z), width(), 0, 0, height(), width(), norm, o);
		return o;
	}

	/** The native pixels of slice z (byte[], short[] or float[]), cached. */
	Object nativeSlice(final int z) {
		return cache.get(z);
	}

	@Override
	public void close() {
		source.close();
	}
}
