package io.github.twostream.fiji;

import java.util.Map;

/**
 * Prints what the ImageJ 1 twin machinery costs per call (a fresh SciJava
 * context per call). Run: {@code java -cp
 * "target/classes:target/test-classes:target/lib/*"
 * io.github.twostream.fiji.TwinBench}
 */
public final class TwinBench {

	private TwinBench() {}

	public static void main(final String... args) {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
		final CountingCommand.Twin twin = new CountingCommand.Twin();
		final long t0 = System.nanoTime();
		twin.execute(Map.of("steps", 0)); // first call: class loading, index
		final long t1 = System.nanoTime();
		for (int i = 0; i < n; i++)
			twin.execute(Map.of("steps", 0));
		final long t2 = System.nanoTime();
		System.out.printf("twin call, first: %.0f ms%n", (t1 - t0) / 1e6);
		System.out.printf("twin call, next %d (mean): %.1f ms%n", n, (t2 - t1) /
			1e6 / n);
	}
}
