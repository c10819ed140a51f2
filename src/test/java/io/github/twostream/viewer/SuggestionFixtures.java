package io.github.twostream.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

/**
 * Test inputs: a small 3-slice image and a CSV scoring every 32x32 patch of
 * it; the patches with the highest combined score get ranks 1, 2, ...
 */
public final class SuggestionFixtures {

	public static final int WIDTH = 96, HEIGHT = 64, DEPTH = 3, PATCH = 32;

	/** Number of suggested (ranked) rows in {@link #rows()}. */
	public static final int RANKED = 5;

	private SuggestionFixtures() {}

	/** All patches; entropy and novelty vary over space, combined = mean. */
	public static List<SuggestionRow> rows() {
		return rows(WIDTH, HEIGHT, DEPTH, PATCH);
	}

	/** Every patch of a width x height x depth image, 5 of them ranked. */
	public static List<SuggestionRow> rows(final int width, final int height,
		final int depth, final int patch)
	{
		final List<SuggestionRow> rows = new ArrayList<>();
		int id = 0;
		for (int z = 0; z < depth; z++)
			for (int y = 0; y < height; y += patch)
				for (int x = 0; x < width; x += patch) {
					final double entropy = (x + 2.0 * y + 7.0 * patch * z) / (10.0 *
						patch);
					final double novelty = ((id * 7) % 11) / 10.0;
					final double combined = 0.5 * (entropy + novelty);
					rows.add(new SuggestionRow(id++, z, y, x, patch, patch, Double.NaN,
						combined, entropy, Double.NaN, Double.NaN, Double.NaN, novelty));
				}
		// rank by combined score, descending
		final List<SuggestionRow> sorted = new ArrayList<>(rows);
		sorted.sort((a, b) -> Double.compare(b.combined(), a.combined()));
		for (int r = 0; r < RANKED; r++) {
			final SuggestionRow s = sorted.get(r);
			rows.set((int) s.patchId(), new SuggestionRow(s.patchId(), s.z(), s.y(),
				s.x(), s.h(), s.w(), r + 1, s.combined(), s.entropy(), s.margin(), s
					.bald(), s.typicality(), s.novelty()));
		}
		return rows;
	}

	/** Writes {@link #rows()} as CSV (unranked rows have rank NaN). */
	public static Path writeCsv(final Path csv) throws IOException {
		final StringBuilder sb = new StringBuilder(
			"patch_id,z,y,x,h,w,rank,combined,entropy,novelty\n");
		for (final SuggestionRow r : rows()) {
			sb.append((long) r.patchId()).append(',').append((int) r.z()).append(',')
				.append((int) r.y()).append(',').append((int) r.x()).append(',').append(
					(int) r.h()).append(',').append((int) r.w()).append(',').append(r
						.isSuggested() ? String.valueOf((int) r.rank()) : "NaN").append(
							',').append(r.combined()).append(',').append(r.entropy()).append(
								',').append(r.novelty()).append('\n');
		}
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, sb);
		return csv;
	}

	/** A 3-slice 8-bit image with a gradient, saved as TIFF. */
	public static Path writeImage(final Path tif) throws IOException {
		final ImageStack stack = new ImageStack(WIDTH, HEIGHT);
		for (int z = 0; z < DEPTH; z++) {
			final ByteProcessor bp = new ByteProcessor(WIDTH, HEIGHT);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++)
					bp.set(x, y, (x + y + 40 * z) % 256);
			stack.addSlice(bp);
		}
		Files.createDirectories(tif.getParent());
		if (!new FileSaver(new ImagePlus("em", stack)).saveAsTiffStack(tif
			.toString())) throw new IOException("cannot write " + tif);
		return tif;
	}

	/** The rows as the viewer should show them (ranked, rank order). */
	public static List<SuggestionRow> ranked() {
		return SuggestionRows.suggested(rows(), 0);
	}
}
