package io.github.twostream.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.UserException;

class StrategiesTest {

	static final List<String> ALL = List.of("random", "uncertainty", "margin",
		"bald", "typicality", "coreset", "probcover", "two-stream",
		"two-stream-clustering", "random-fg");

	@Test
	void discoversEveryStrategy() {
		assertEquals(ALL.size(), Strategies.names().size(), Strategies.names()
			.toString());
		assertTrue(Strategies.names().containsAll(ALL));
		assertEquals(Strategies.DEFAULT, Strategies.names().get(0),
			"the default has the highest priority");
		for (final AcquisitionStrategy s : Strategies.all()) {
			assertTrue(ALL.contains(s.name()), s.name());
			assertFalse(s.description().isBlank());
		}
		for (final String name : ALL)
			assertEquals(name, Strategies.byName(name).name());
		assertTrue(Strategies.byName("uncertainty").needsTaskModel());
		assertFalse(Strategies.byName("random").needsTaskModel());
	}

	@Test
	void annotationIndexIsGenerated() throws Exception {
		final Path index = Path.of("target/classes/META-INF/json/" +
			"org.scijava.plugin.Plugin");
		assertTrue(Files.exists(index), "annotation processor did not run");
		final String json = Files.readString(index);
		for (final String name : ALL)
			assertTrue(json.contains("\"name\":\"" + name + "\""), name);
	}

	@Test
	void unknownNameListsTheValidOnes() {
		final UserException e = assertThrows(UserException.class,
			() -> Strategies.byName("entropyy"));
		assertTrue(e.getMessage().contains("entropyy"));
		for (final String name : ALL)
			assertTrue(e.getMessage().contains(name), e.getMessage());
	}
}
