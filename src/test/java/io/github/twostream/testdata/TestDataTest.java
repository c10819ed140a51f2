package io.github.twostream.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.volume.LabelImage;
import io.github.twostream.volume.LabelImages;
import io.github.twostream.volume.Volume;
import io.github.twostream.volume.Volumes;

class TestDataTest {

	@TempDir
	static Path dir;

	static Path a, b;

	@BeforeAll
	static void generate() {
		a = dir.resolve("a");
		b = dir.resolve("b");
		TestData.generate(a, 42);
		TestData.generate(b, 42);
	}

	private static Map<String, String> hashes(final Path d) throws Exception {
		final Map<String, String> h = new LinkedHashMap<>();
		for (final String f : TestData.FILES)
			h.put(f, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(Files.readAllBytes(d.resolve(f)))));
		return h;
	}

	@Test
	void sameSeedGivesByteIdenticalFiles() throws Exception {
		assertEquals(hashes(a), hashes(b));
		final Path c = dir.resolve("c");
		TestData.generate(c, 43);
		assertNotEquals(hashes(a).get("train-volume.tif"), hashes(c).get(
			"train-volume.tif"));
	}

	@Test
	void filesHaveTheDocumentedShapesAndSize() throws IOException {
		long total = 0;
		for (final String f : TestData.FILES)
			total += Files.size(a.resolve(f));
		assertTrue(total < 5_000_000, "total " + total);
		for (final String[] s : new String[][] { { "train", "16" }, { "test",
			"8" } })
		{
			try (Volume v = Volumes.open(a.resolve(s[0] + "-volume.tif").toString());
				LabelImage l = LabelImages.open(a.resolve(s[0] + "-labels.tif")
					.toString(), v);
				LabelImage m = LabelImages.open(a.resolve(s[0] + "-membranes.tif")
					.toString(), v))
			{
				assertEquals(Integer.parseInt(s[1]), v.depth());
				assertEquals(256, v.width());
				assertEquals(8, v.bitDepth());
				long mito = 0, membrane = 0, n = 0;
				for (int z = 0; z < v.depth(); z++) {
					final byte[] ls = l.readSlice(z, null), ms = m.readSlice(z, null);
					for (int i = 0; i < ls.length; i++) {
						assertTrue(ls[i] == 0 || ls[i] == (byte) 255);
						if (ls[i] != 0) mito++;
						if (ms[i] != 0) membrane++;
						n++;
					}
				}
				final double fm = (double) mito / n;
				assertTrue(fm >= 0.08 && fm <= 0.12, "mito fraction " + fm);
				assertTrue(membrane > n / 50, "membranes present");
			}
		}
		assertTrue(Files.readString(a.resolve("README.md")).contains("seed **42**"));
	}

	@Test
	void looksLikeEm() {
		try (Volume v = Volumes.open(a.resolve("train-volume.tif").toString());
			LabelImage l = LabelImages.open(a.resolve("train-labels.tif").toString());
			LabelImage m = LabelImages.open(a.resolve("train-membranes.tif")
				.toString()))
		{
			// mitochondria and membranes are darker than the background
			double mito = 0, mem = 0, bg = 0;
			long nm = 0, nmem = 0, nbg = 0;
			for (int z = 0; z < v.depth(); z++) {
				final float[] px = v.readSlice(z, null);
				final byte[] ls = l.readSlice(z, null), ms = m.readSlice(z, null);
				for (int i = 0; i < px.length; i++) {
					if (ls[i] != 0) {
						mito += px[i];
						nm++;
					}
					else if (ms[i] != 0) {
						mem += px[i];
						nmem++;
					}
					else {
						bg += px[i];
						nbg++;
					}
				}
			}
			assertTrue(mito / nm < bg / nbg - 0.2, "mito darker");
			assertTrue(mem / nmem < mito / nm, "membranes darkest");
			// structures continue along z: neighbours agree more than distant slices
			final double near = agreement(l, 5, 6), far = agreement(l, 0, 15);
			assertTrue(near > 0.9, "adjacent slices' labels agree: " + near);
			assertTrue(near > far + 0.03, near + " vs " + far);
		}
	}

	/** Fraction of pixels with the same label in slices z1 and z2. */
	private static double agreement(final LabelImage l, final int z1,
		final int z2)
	{
		final byte[] s1 = l.readSlice(z1, null), s2 = l.readSlice(z2, null);
		int same = 0;
		for (int i = 0; i < s1.length; i++)
			if (s1[i] == s2[i]) same++;
		return (double) same / s1.length;
	}
}
