package io.github.twostream.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps the {@code capacity} most recently used entries: reading
 * or writing an entry makes it the newest, and adding one beyond the capacity
 * drops the oldest. Not thread-safe (callers synchronise).
 * <p>
 * NB: the JDK's {@link LinkedHashMap} in access order does the work; this
 * class only names the idiom once for the slice caches.
 * </p>
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

	private static final long serialVersionUID = 1L;

	private final int capacity;

	public LruMap(final int capacity) {
		super(16, 0.75f, true);
		if (capacity < 1) throw new IllegalArgumentException("capacity " +
			capacity);
		this.capacity = capacity;
	}

	public int capacity() {
		return capacity;
	}

	@Override
	protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
		return size() > capacity;
	}
}
