package io.github.twostream.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** encoder.json's flat JSON survives odd strings and rejects broken text. */
class FlatJsonTest {

	@Test
	void roundTripsStringsNumbersAndBooleans() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("fingerprint", "C:\\data\\\"vol\".tif\n#/raw\u0001");
		m.put("epochs", 10);
		m.put("temperature", 0.2);
		m.put("seed", -42L);
		m.put("flag", true);
		final Map<String, String> back = FlatJson.read(FlatJson.write(m));
		assertEquals(m.get("fingerprint"), back.get("fingerprint"));
		assertEquals("10", back.get("epochs"));
		assertEquals(0.2, Double.parseDouble(back.get("temperature")));
		assertEquals("-42", back.get("seed"));
		assertEquals("true", back.get("flag"));
		assertEquals(EncoderConfig.defaults(), EncoderConfig.fromMap(FlatJson.read(
			FlatJson.write(EncoderConfig.defaults().toMap()))));
	}

	@Test
	void rejectsBrokenText() {
		assertThrows(IllegalArgumentException.class, () -> FlatJson.read(
			"{\"a\": 1"));
		assertThrows(IllegalArgumentException.class, () -> FlatJson.read(
			"{\"a\": {\"b\": 1}}"));
		assertThrows(IllegalArgumentException.class, () -> FlatJson.read(
			"{\"a\": 1} x"));
	}
}
