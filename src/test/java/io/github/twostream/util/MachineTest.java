package io.github.twostream.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MachineTest {

	@Test
	void readsModelAndTheKernelRelevantExtensionsInTheirOrder() {
		final String x86 = "processor\t: 0\nvendor_id\t: GenuineIntel\n" +
			"model name\t: Intel(R) Xeon(R) Platinum 8488C\n" +
			"flags\t\t: fpu vme amx_tile sse4_2 avx512f avx2 fma avx\n\n" +
			"processor\t: 1\nmodel name\t: Other\nflags\t\t: fpu\n";
		final Machine m = Machine.parse(x86, 2);
		assertEquals("Intel(R) Xeon(R) Platinum 8488C", m.cpu(), "the first processor");
		assertEquals(List.of("sse4_2", "avx", "avx2", "fma", "avx512f",
			"amx_tile"), m.extensions());
		assertEquals("Intel(R) Xeon(R) Platinum 8488C, 2 cores, sse4_2 avx avx2 " +
			"fma avx512f amx_tile", m.describe());
		// NB: ARM says "Features" and has none of the x86 extensions
		final Machine arm = Machine.parse("processor\t: 0\nFeatures\t: fp asimd\n" +
			"model name\t: ARMv8 Processor\n", 1);
		assertEquals("ARMv8 Processor, 1 core, no listed vector extensions", arm
			.describe());
		assertTrue(Machine.parse("", 4).cpu().startsWith("unknown"));
	}

	@Test
	void describesThisMachine() throws IOException {
		final Machine m = Machine.current();
		assertEquals(Runtime.getRuntime().availableProcessors(), m.cores());
		final Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) assertEquals(Machine.parse(Files.readString(
			cpuinfo, StandardCharsets.UTF_8), m.cores()), m);
		assertFalse(m.describe().isBlank());
	}
}
