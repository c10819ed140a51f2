package io.github.twostream.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The processor a computation ran on, as far as it decides the numbers.
 * NB: TensorFlow's CPU kernels (oneDNN, Eigen) pick their instruction set
 * from the processor, and with it the order of floating-point sums, so the
 * same code, seed and thread count train to slightly different weights on
 * processors with other vector extensions (measured: a simulated round on
 * an AVX-512 + AMX Xeon gave IoU 0.3756 where an earlier machine gave
 * 0.3710; docs/notes/sim.md section 9.11). A run that is resumed on
 * another machine records it; see {@link #describe()}.
 *
 * @param cpu processor model name ("unknown" where the system does not say)
 * @param extensions the vector extensions among {@link #EXTENSIONS} the
 *          processor has, in that order
 * @param cores processors available to the JVM
 */
public record Machine(String cpu, List<String> extensions, int cores) {

	/**
	 * The extensions that change which kernels TensorFlow's CPU build runs,
	 * as Linux's {@code /proc/cpuinfo} names them.
	 */
	public static final List<String> EXTENSIONS = List.of("sse4_2", "avx",
		"avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "avx512_fp16",
		"amx_tile", "amx_bf16", "amx_int8");

	private static final Path CPUINFO = Path.of("/proc/cpuinfo");

	public Machine {
		extensions = List.copyOf(extensions);
	}

	/** This machine (on Linux from {@code /proc/cpuinfo}, else the JVM's architecture). */
	public static Machine current() {
		final int cores = Runtime.getRuntime().availableProcessors();
		try {
			return Files.isReadable(CPUINFO) ? parse(Files.readString(CPUINFO,
				StandardCharsets.UTF_8), cores) : unknown(cores);
		}
		catch (final IOException e) {
			return unknown(cores);
		}
	}

	private static Machine unknown(final int cores) {
		return new Machine("unknown " + System.getProperty("os.arch", ""), List
			.of(), cores);
	}

	/**
	 * Reads the first processor's model name and flags from the text of
	 * {@code /proc/cpuinfo}.
	 */
	public static Machine parse(final String cpuinfo, final int cores) {
		String model = null;
		Set<String> flags = Set.of();
		for (final String line : cpuinfo.split("\n")) {
			final int colon = line.indexOf(':');
			if (colon < 0) continue;
			final String key = line.substring(0, colon).trim().toLowerCase(
				Locale.ROOT);
			final String value = line.substring(colon + 1).trim();
			if (model == null && key.equals("model name")) model = value;
			// NB: x86 says "flags", ARM "Features"
			else if (flags.isEmpty() && (key.equals("flags") || key.equals(
				"features"))) flags = Set.copyOf(Arrays.asList(value.split("\\s+")));
		}
		final List<String> found = new ArrayList<>();
		for (final String e : EXTENSIONS)
			if (flags.contains(e)) found.add(e);
		return new Machine(model == null ? "unknown " + System.getProperty(
			"os.arch", "") : model, found, cores);
	}

	/** One line, e.g. {@code Intel(R) Xeon(R) Processor, 2 cores, avx2 avx512f amx_tile}. */
	public String describe() {
		return cpu + ", " + cores + (cores == 1 ? " core" : " cores") + ", " +
			(extensions.isEmpty() ? "no listed vector extensions" : String.join(" ",
				extensions));
	}
}
