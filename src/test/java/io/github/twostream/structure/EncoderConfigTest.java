package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.twostream.util.UserException;

/** {@link EncoderConfig#canonical()} reads back exactly. */
public class EncoderConfigTest {

	@Test
	public void canonicalTextRoundTrips() {
		final EncoderConfig c = new EncoderConfig(96, 72, 32, 48, 8, 0.15, 32, 3,
			500, 2.5e-4, 7);
		assertEquals(c, EncoderConfig.fromCanonical(c.canonical()));
		assertEquals(EncoderConfig.defaults(), EncoderConfig.fromCanonical(
			EncoderConfig.defaults().canonical()));
	}

	@Test
	public void incompleteTextIsAUserError() {
		final String text = EncoderConfig.defaults().canonical().replace(
			";epochs=10", "");
		assertTrue(assertThrows(UserException.class, () -> EncoderConfig
			.fromCanonical(text)).getMessage().contains("lack 'epochs'"));
	}
}
