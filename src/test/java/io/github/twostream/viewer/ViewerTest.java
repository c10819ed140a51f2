package io.github.twostream.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import io.github.twostream.util.Progress;
import io.github.twostream.util.UserException;

/** The viewer package on real ImageJ 1 objects, without windows. */
public class ViewerTest {

	@TempDir
	Path tmp;

	private boolean batch;

	@BeforeEach
	public void batchMode() {
		// NB: no windows even under Xvfb; GuiSuggestionViewTest covers those.
		batch = Interpreter.batchMode;
		Interpreter.batchMode = true;
	}

	@AfterEach
	public void restore() {
		Interpreter.batchMode = batch;
	}

	@Test
	public void csvRoundTripKeepsValuesAndNaN() throws IOException {
		final Path csv = SuggestionFixtures.writeCsv(tmp.resolve("s.csv"));
		final List<SuggestionRow> read = SuggestionRows.readCsv(csv);
		final List<SuggestionRow> expected = SuggestionFixtures.rows();
		assertEquals(expected.size(), read.size());
		for (int i = 0; i < expected.size(); i++) {
			final SuggestionRow e = expected.get(i), r = read.get(i);
			for (final String c : SuggestionRow.COLUMNS)
				assertEquals(e.get(c), r.get(c), 1e-9, c + " of row " + i);
		}
		assertTrue(Double.isNaN(read.get(0).margin()), "absent column -> NaN");
		assertEquals(List.of("entropy", "novelty", "combined"), SuggestionRows
			.presentScores(read));
	}

	@Test
	public void csvWithoutPositionColumnsIsAUserError() throws IOException {
		final Path csv = Files.writeString(tmp.resolve("bad.csv"),
			"patch_id,score\n1,0.5\n");
		final UserException e = assertThrows(UserException.class,
			() -> SuggestionRows.readCsv(csv));
		assertTrue(e.getMessage().contains("no column 'z'"), e.getMessage());
	}

	@Test
	public void suggestedAreRankOrderedAndCut() {
		final List<SuggestionRow> top = SuggestionRows.suggested(SuggestionFixtures
			.rows(), 3);
		assertEquals(3, top.size());
		for (int i = 0; i < 3; i++)
			assertEquals(i + 1, top.get(i).rank());
		assertEquals(SuggestionFixtures.RANKED, SuggestionRows.suggested(
			SuggestionFixtures.rows(), 0).size());
	}

	@Test
	public void heatmapHoldsMaxOfOverlappingPatches() {
		// two overlapping patches on slice 1 and one on slice 0
		final double n = Double.NaN;
		final List<SuggestionRow> rows = List.of( //
			new SuggestionRow(0, 1, 0, 0, 20, 20, 1, 0.2, 0.9, n, n, n, n), //
			new SuggestionRow(1, 1, 10, 10, 20, 20, 2, 0.7, 0.1, n, n, n, n), //
			new SuggestionRow(2, 0, 5, 5, 4, 4, n, 0.4, 0.3, n, n, n, n));
		final ImagePlus heat = AcquisitionHeatmaps.build(40, 30, 2, rows,
			Progress.NONE);
		assertEquals(ImagePlus.GRAY32, heat.getType());
		assertEquals(2, heat.getNChannels()); // entropy, combined
		assertEquals(2, heat.getNSlices());
		// channel 1 = entropy, channel 2 = combined; stack index (z*C + c) + 1
		final float[] entropy1 = (float[]) heat.getStack().getPixels(
			heat.getStackIndex(1, 2, 1));
		final float[] combined1 = (float[]) heat.getStack().getPixels(
			heat.getStackIndex(2, 2, 1));
		final int overlap = 15 * 40 + 15, onlyFirst = 2 * 40 + 2,
				onlySecond = 25 * 40 + 25, none = 29 * 40 + 39;
		assertEquals(0.9f, entropy1[overlap]);
		assertEquals(0.7f, combined1[overlap]);
		assertEquals(0.2f, combined1[onlyFirst]);
		assertEquals(0.1f, entropy1[onlySecond]);
		assertTrue(Float.isNaN(combined1[none]));
		final float[] combined0 = (float[]) heat.getStack().getPixels(
			heat.getStackIndex(2, 1, 1));
		assertEquals(0.4f, combined0[6 * 40 + 6]);
		assertTrue(Float.isNaN(combined0[overlap]), "slice 0 has no patch there");
		assertTrue(heat.isComposite());
		assertEquals(0.2, ((ij.CompositeImage) heat).getChannelLut(2).min, 1e-6);
	}

	@Test
	public void roiZipIsReadableByImageJ() throws IOException {
		final ImagePlus imp = IJ.createImage("em", "8-bit black", 96, 64, 3);
		final List<SuggestionRow> ranked = SuggestionFixtures.ranked();
		final Path zip = SuggestionRois.writeZip(SuggestionRois.rois(imp, ranked),
			tmp.resolve("r.zip"));
		final List<Roi> read = readZip(zip);
		assertEquals(ranked.size(), read.size());
		for (int i = 0; i < ranked.size(); i++) {
			final SuggestionRow r = ranked.get(i);
			final Roi roi = read.get(i);
			assertEquals(SuggestionRois.name(r, i + 1), roi.getName());
			assertEquals(new java.awt.Rectangle((int) r.x(), (int) r.y(), (int) r.w(),
				(int) r.h()), roi.getBounds());
			assertEquals((int) r.z() + 1, roi.getPosition());
		}
	}

	@Test
	public void headlessViewWritesFilesAndFillsResults() throws IOException {
		final ImagePlus imp = IJ.createImage("em", "8-bit black", 96, 64, 3);
		final List<SuggestionRow> ranked = SuggestionFixtures.ranked();
		final IJ1SuggestionView view = IJ1SuggestionView.forEnvironment(tmp
			.resolve("out dir"));
		assertFalse(view.showsWindows());
		final Path zip = view.showSuggestions(imp, ranked).orElseThrow();
		assertEquals(2 * ranked.size(), imp.getOverlay().size(), "box + number");
		assertEquals(ranked.size(), readZip(zip).size());
		final Path csv = view.showTable(ranked).orElseThrow();
		assertEquals(ranked.size(), ResultsTable.getResultsTable().size());
		final ResultsTable saved = ResultsTable.open(csv.toString());
		assertEquals(ranked.size(), saved.size());
		for (int i = 0; i < ranked.size(); i++) {
			assertEquals(i + 1, saved.getValue("rank", i));
			assertEquals(ranked.get(i).patchId(), saved.getValue("patch_id", i));
			assertEquals(ranked.get(i).combined(), saved.getValue("combined", i),
				1e-3);
		}
		final Path tif = view.showHeatmap(AcquisitionHeatmaps.build(96, 64, 3,
			SuggestionFixtures.rows(), Progress.NONE)).orElseThrow();
		final ImagePlus heat = IJ.openImage(tif.toString());
		assertEquals(3, heat.getNChannels());
		assertEquals(3, heat.getNSlices());
		assertEquals(32, heat.getBitDepth());
	}

	@Test
	public void headlessWithoutOutputFolderIsAUserError() {
		final UserException e = assertThrows(UserException.class,
			() -> new IJ1SuggestionView(null, false));
		assertTrue(e.getMessage().contains("output_dir"), e.getMessage());
	}

	static List<Roi> readZip(final Path zip) throws IOException {
		final List<Roi> rois = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				assertTrue(e.getName().endsWith(".roi"), e.getName());
				rois.add(RoiDecoder.openFromByteArray(in.readAllBytes()));
			}
		}
		return rois;
	}
}
