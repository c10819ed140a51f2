package io.github.twostream.volume;

import java.util.Map;

import io.github.twostream.util.LruMap;

/**
 * A small LRU cache of whole native slices in front of a {@link SliceSource},
 * bounded by a byte budget (at least one slice). Thread-safe.
 * <p>
 * NB: hand-written (a synchronized {@link LruMap}, the JDK's LinkedHashMap in
 * access order) rather than imglib2-cache, which is not a dependency, and
 * patch reads come slice by slice anyway.
 * </p>
 */
final class SliceCache {

	private final SliceSource source;
	private final int capacity;
	private final Map<Integer, Object> slices;

	/**
	 * @param budgetBytes memory the cache may hold
	 * @param onLoad called with the slice index after a slice is read (for
	 *          validation); may throw
	 */
	SliceCache(final SliceSource source, final long budgetBytes,
		final SliceValidator onLoad)
	{
		this.source = source;
		final long sliceBytes = (long) source.width() * source.height() *
			Math.max(1, source.bitDepth() / 8);
		this.capacity = (int) Math.max(1, Math.min(source.depth(), budgetBytes /
			Math.max(1, sliceBytes)));
		this.validator = onLoad;
		this.slices = new LruMap<>(capacity);
	}

	/** Checks a freshly read slice; throws to reject it. */
	interface SliceValidator {

		void check(int z, Object pixels);
	}

	private final SliceValidator validator;

	/** How many slices the cache keeps. */
	int capacity() {
		return capacity;
	}

	/** Puts an already read (and checked) slice into the cache. */
	synchronized void prime(final int z, final Object pixels) {
		slices.put(z, pixels);
	}

	/** The native pixels of slice z (0-based). */
	synchronized Object get(final int z) {
		Object s = slices.get(z);
		if (s == null) {
			s = source.readSlice(z);
			if (validator != null) validator.check(z, s);
			slices.put(z, s);
		}
		return s;
	}
}
