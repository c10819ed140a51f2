package io.github.twostream.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

import io.github.twostream.util.AtomicFiles;
import io.github.twostream.util.UserException;

/** File helpers of the simulator: atomic writes with user-facing errors. */
final class SimulationFiles {

	private SimulationFiles() {}

	static void write(final Path file, final String text) {
		try {
			AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + file + ": " + e.getMessage(),
				"check that the output folder is writable", e);
		}
	}

	static void writeFolder(final Path dir,
		final java.util.function.Consumer<Path> saver)
	{
		try {
			AtomicFiles.writeFolder(dir, saver::accept);
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + dir + ": " + e.getMessage(),
				"check that the output folder is writable", e);
		}
	}

	static void deleteTree(final Path dir) {
		if (!Files.exists(dir)) return;
		try (Stream<Path> files = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) files.sorted(Comparator
				.reverseOrder())::iterator)
				Files.delete(p);
		}
		catch (final IOException e) {
			throw new UserException("Cannot delete " + dir + ": " + e.getMessage(),
				"check the output folder's permissions", e);
		}
	}

	static String hash(final String s) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
