package io.github.twostream.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement of files and folders beside the database. */
class AtomicFilesTest {

	@TempDir
	Path tmp;

	@Test
	void writeReplacesAndLeavesNoTemporaryFiles() throws IOException {
		final Path f = tmp.resolve("models/a.bin");
		AtomicFiles.write(f, new byte[] { 1, 2, 3 });
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(f));
		AtomicFiles.write(f, out -> out.write(new byte[] { 9 }));
		assertArrayEquals(new byte[] { 9 }, Files.readAllBytes(f));
		assertEquals(1, count(f.getParent()));
	}

	@Test
	void failedWriteKeepsTheOldFile() throws IOException {
		final Path f = tmp.resolve("a.json");
		AtomicFiles.write(f, "{\"v\":1}".getBytes());
		assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
			out.write("{\"v\":".getBytes());
			throw new IOException("disk full");
		}));
		assertEquals("{\"v\":1}", Files.readString(f));
		assertEquals(1, count(tmp));
	}

	@Test
	void replaceHandsTheWriterATemporaryPathInTheTargetFolder()
		throws IOException
	{
		final Path f = tmp.resolve("plot.png");
		AtomicFiles.write(f, new byte[] { 1 });
		final Path[] seen = new Path[1];
		AtomicFiles.replace(f, t -> {
			seen[0] = t;
			assertArrayEquals(new byte[0], Files.readAllBytes(t), "a fresh file");
			Files.write(t, new byte[] { 2, 3 });
		});
		assertEquals(tmp, seen[0].getParent());
		assertTrue(AtomicFiles.isTemporary(seen[0].getFileName().toString()), seen[0]
			.toString());
		assertArrayEquals(new byte[] { 2, 3 }, Files.readAllBytes(f));
		assertThrows(IOException.class, () -> AtomicFiles.replace(f, t -> {
			Files.write(t, new byte[] { 4 });
			throw new IOException("writer failed");
		}));
		assertArrayEquals(new byte[] { 2, 3 }, Files.readAllBytes(f));
		assertEquals(1, count(tmp), "no temporary file left behind");
	}

	@Test
	void writeFolderIsAllOrNothing() throws IOException {
		final Path ckpt = tmp.resolve("models/task-1");
		AtomicFiles.writeFolder(ckpt, d -> {
			Files.writeString(d.resolve("ckpt.index"), "i");
			Files.writeString(d.resolve("ckpt.data-00000-of-00001"), "d");
		});
		assertEquals("d", Files.readString(ckpt.resolve("ckpt.data-00000-of-00001")));
		final Path other = tmp.resolve("models/task-2");
		assertThrows(IOException.class, () -> AtomicFiles.writeFolder(other, d -> {
			Files.writeString(d.resolve("ckpt.index"), "i");
			throw new IOException("training crashed");
		}));
		assertFalse(Files.exists(other));
		assertEquals(1, count(tmp.resolve("models")), "no temporary folder left");
		assertThrows(IOException.class, () -> AtomicFiles.writeFolder(ckpt, d -> {}));
		assertTrue(Files.exists(ckpt.resolve("ckpt.index")));
	}

	private static long count(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.count();
		}
	}
}
