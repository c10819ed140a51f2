package io.github.twostream.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The slice caches' eviction rule. */
class LruMapTest {

	@Test
	void keepsTheMostRecentlyUsedEntries() {
		final LruMap<Integer, String> m = new LruMap<>(2);
		m.put(1, "a");
		m.put(2, "b");
		m.get(1); // 1 is now newer than 2
		m.put(3, "c");
		assertEquals(List.of(1, 3), List.copyOf(m.keySet()));
		m.computeIfAbsent(4, k -> "d");
		assertEquals(List.of(3, 4), List.copyOf(m.keySet()));
		assertEquals(2, m.capacity());
		assertThrows(IllegalArgumentException.class, () -> new LruMap<>(0));
	}
}
