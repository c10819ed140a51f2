package io.github.twostream.structure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads flat JSON objects (string, number and boolean values only).
 * <p>
 * NB: hand-written because the project has no JSON library on its class path
 * and {@code encoder.json} is a dozen flat fields; anything nested is rejected.
 * </p>
 */
final class FlatJson {

	private FlatJson() {}

	static String write(final Map<String, Object> m) {
		final StringBuilder sb = new StringBuilder("{\n");
		int i = 0;
		for (final Map.Entry<String, Object> e : m.entrySet()) {
			sb.append("  ").append(quote(e.getKey())).append(": ");
			final Object v = e.getValue();
			if (v instanceof Number || v instanceof Boolean) sb.append(v);
			else sb.append(quote(String.valueOf(v)));
			sb.append(++i < m.size() ? ",\n" : "\n");
		}
		return sb.append("}\n").toString();
	}

	private static String quote(final String s) {
		final StringBuilder sb = new StringBuilder("\"");
		for (final char c : s.toCharArray()) {
			if (c == '"' || c == '\\') sb.append('\\').append(c);
			else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
			else sb.append(c);
		}
		return sb.append('"').toString();
	}

	/**
	 * Parses a flat object into name -> value text (strings unquoted).
	 *
	 * @throws IllegalArgumentException if the text is not a flat JSON object
	 */
	static Map<String, String> read(final String text) {
		final Map<String, String> m = new LinkedHashMap<>();
		final int[] pos = { skip(text, 0) };
		expect(text, pos, '{');
		pos[0] = skip(text, pos[0]);
		if (peek(text, pos[0]) == '}') return m;
		while (true) {
			pos[0] = skip(text, pos[0]);
			final String key = string(text, pos);
			pos[0] = skip(text, pos[0]);
			expect(text, pos, ':');
			pos[0] = skip(text, pos[0]);
			final String value;
			if (peek(text, pos[0]) == '"') value = string(text, pos);
			else {
				final int start = pos[0];
				while (pos[0] < text.length() && "-+.eE0123456789truefalsn".indexOf(
					text.charAt(pos[0])) >= 0)
					pos[0]++;
				if (start == pos[0]) throw new IllegalArgumentException(
					"unexpected character at " + start);
				value = text.substring(start, pos[0]);
			}
			m.put(key, value);
			pos[0] = skip(text, pos[0]);
			final char c = peek(text, pos[0]);
			pos[0]++;
			if (c == '}') break;
			if (c != ',') throw new IllegalArgumentException("expected , or } at " +
				(pos[0] - 1));
		}
		if (skip(text, pos[0]) != text.length()) throw new IllegalArgumentException(
			"trailing characters");
		return m;
	}

	private static char peek(final String t, final int p) {
		if (p >= t.length()) throw new IllegalArgumentException("unexpected end");
		return t.charAt(p);
	}

	private static int skip(final String t, int p) {
		while (p < t.length() && Character.isWhitespace(t.charAt(p)))
			p++;
		return p;
	}

	private static void expect(final String t, final int[] pos, final char c) {
		if (peek(t, pos[0]) != c) throw new IllegalArgumentException("expected " +
			c + " at " + pos[0]);
		pos[0]++;
	}

	private static String string(final String t, final int[] pos) {
		expect(t, pos, '"');
		final StringBuilder sb = new StringBuilder();
		while (true) {
			final char c = peek(t, pos[0]++);
			if (c == '"') return sb.toString();
			if (c == '\\') {
				final char e = peek(t, pos[0]++);
				if (e == 'u') {
					sb.append((char) Integer.parseInt(t.substring(pos[0], pos[0] + 4),
						16));
					pos[0] += 4;
				}
				else sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
			}
			else sb.append(c);
		}
	}
}
