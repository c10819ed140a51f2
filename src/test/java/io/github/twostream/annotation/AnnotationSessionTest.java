package io.github.twostream.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.TaskModel;
import io.github.twostream.model.TiledPredictor;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Masks;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.StreamScores;
import io.github.twostream.store.SuggestionRecord;
import io.github.twostream.structure.EncoderConfig;
import io.github.twostream.volume.Patch;

/**
 * The annotation core on the bundled test-data with the real store (and, for
 * the loop, real TensorFlow): painting across patch borders, eraser, fill,
 * accept with active time, undo/redo through the store, prefill from a
 * trained model, and reopening.
 */
class AnnotationSessionTest {

	static final String TRAIN = "test-data/train-volume.tif";

	@TempDir
	Path dir;

	final AtomicLong clock = new AtomicLong();

	/** A project (256 x 256 x 16, 64-pixel patches) with a recorded round of the given patches. */
	ProjectSession project(final int... suggested) {
		final ProjectSession s = ProjectSession.create(dir.resolve("p"), TRAIN, 64,
			64);
		final List<SuggestionRecord> records = new ArrayList<>();
		for (int i = 0; i < suggested.length; i++)
			records.add(new SuggestionRecord(suggested[i], i, new StreamScores(null,
				null, null, 0.5 + i, null, 1.0 - 0.1 * i)));
		if (suggested.length > 0) s.project().queries().record(1, "two-stream",
			records);
		return s;
	}

	AnnotationSession annotate(final ProjectSession s) {
		return new AnnotationSession(s, AnnotationSettings.defaults(s),
			clock::get);
	}

	/** Expected stroke pixels: within sqrt(r^2 + r) of the segment. */
	static boolean onSegment(final int x, final int y, final int ax,
		final int ay, final int bx, final int by, final int r)
	{
		final double dx = bx - ax, dy = by - ay;
		final double len2 = dx * dx + dy * dy;
		final double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx +
			(y - ay) * dy) / len2));
		final double ex = ax + t * dx - x, ey = ay + t * dy - y;
		return ex * ex + ey * ey <= r * r + r + 1e-9;
	}

	@Test
	void brushStrokeAcrossPatchBorderIsSavedInBothPatches() {
		try (ProjectSession s = project(0, 1); AnnotationSession a = annotate(s)) {
			a.setBrushRadius(2);
			a.beginStroke(0, 50, 30);
			a.strokeTo(65, 30);
			a.strokeTo(80, 30);
			final List<Integer> saved = a.endStroke().join();
			assertEquals(List.of(0, 1), saved);
			assertEquals(java.util.Set.of(0, 1), s.project().labels().labelledIds());
			for (final int id : new int[] { 0, 1 }) {
				final Patch p = s.grid().get(id);
				final PatchLabel l = s.project().labels().get(id).orElseThrow();
				assertEquals(LabelKind.SCRIBBLE, l.kind());
				for (int y = 0; y < 64; y++)
					for (int x = 0; x < 64; x++) {
						final boolean in = onSegment(p.x() + x, p.y() + y, 50, 30, 80, 30, 2);
						assertEquals(in ? Masks.FOREGROUND : Masks.IGNORE, l.mask()[y * 64 +
							x], "patch " + id + " at " + x + "," + y);
					}
			}
			assertTrue(a.suggestions().stream().allMatch(q -> q
				.state() == SuggestionState.PENDING), "strokes do not accept");
		}
	}

	@Test
	void eraserPaintsExplicitBackgroundAndFillStaysInItsPatch() {
		try (ProjectSession s = project(5); AnnotationSession a = annotate(s)) {
			final Patch p = s.grid().get(5); // z 0, y 64, x 64
			a.setBrushRadius(0);
			// a closed outline 10..30 inside the patch, then fill its inside
			final int x0 = p.x() + 10, y0 = p.y() + 10, x1 = p.x() + 30, y1 = p.y() +
				30;
			a.beginStroke(0, x0, y0);
			a.strokeTo(x1, y0);
			a.strokeTo(x1, y1);
			a.strokeTo(x0, y1);
			a.strokeTo(x0, y0);
			a.endStroke().join();
			a.setTool(Tool.FILL);
			a.beginStroke(0, x0 + 5, y0 + 5);
			a.endStroke().join();
			byte[] m = s.project().labels().get(5).orElseThrow().mask();
			assertEquals(21 * 21, new PatchLabel(5, LabelKind.SCRIBBLE, m, null)
				.count(Masks.FOREGROUND), "outline and its inside");
			// fill outside the outline reaches the patch border, not beyond
			a.beginStroke(0, p.x() + 2, p.y() + 2);
			a.endStroke().join();
			m = s.project().labels().get(5).orElseThrow().mask();
			assertEquals(64 * 64, new PatchLabel(5, LabelKind.SCRIBBLE, m, null).count(
				Masks.FOREGROUND));
			assertEquals(java.util.Set.of(5), s.project().labels().labelledIds());
			// eraser: explicit background
			a.setTool(Tool.ERASER);
			a.setBrushRadius(1);
			a.beginStroke(0, p.x() + 40, p.y() + 40);
			a.endStroke().join();
			m = s.project().labels().get(5).orElseThrow().mask();
			assertEquals(9, new PatchLabel(5, LabelKind.SCRIBBLE, m, null).count(
				Masks.BACKGROUND), "a radius-1 disc (r^2 + r: 3 x 3)");
			assertEquals(Masks.BACKGROUND, m[40 * 64 + 40]);
		}
	}

	@Test
	void acceptStoresDenseLabelWithActiveSecondsAndMovesOn() {
		try (ProjectSession s = project(17, 18, 19); AnnotationSession a =
			annotate(s))
		{
			assertEquals(17, a.current().orElseThrow().patch().id());
			final Patch p = s.grid().get(17); // z 1, y 0, x 64
			a.beginStroke(1, p.x() + 10, p.y() + 10);
			clock.addAndGet(5_000_000_000L);
			a.strokeTo(p.x() + 20, p.y() + 10);
			a.endStroke().join();
			clock.addAndGet(100_000_000_000L); // a long pause counts 30 s at most
			a.beginStroke(1, p.x() + 40, p.y() + 40);
			a.endStroke().join();
			clock.addAndGet(2_000_000_000L);
			assertEquals(17, a.accept().join());
			a.flush(); // NB: states follow the stored label
			final PatchLabel l = s.project().labels().get(17).orElseThrow();
			assertEquals(LabelKind.DENSE, l.kind());
			assertEquals(0, l.count(Masks.IGNORE));
			final int painted = l.count(Masks.FOREGROUND);
			assertTrue(painted > 100 && painted < 400, "painted " + painted);
			assertEquals(Masks.FOREGROUND, l.mask()[10 * 64 + 15]);
			assertEquals(Masks.BACKGROUND, l.mask()[60 * 64 + 5], "unpainted -> background");
			assertEquals(5 + 30 + 2, s.project().annotationLog().seconds(17), 1e-6);
			assertEquals(SuggestionState.ACCEPTED, a.suggestions().get(0).state());
			assertEquals(18, a.current().orElseThrow().patch().id());
			assertEquals(1, a.status().accepted());
			assertEquals(2, a.status().pending());
			assertEquals(37, a.status().secondsPerAccepted(), 1e-6);
			// skip moves on and is remembered
			a.skip().join();
			assertEquals(SuggestionState.SKIPPED, a.suggestions().get(1).state());
			assertEquals(19, a.current().orElseThrow().patch().id());
		}
	}

	@Test
	void undoAndRedoGoThroughTheStore() {
		try (ProjectSession s = project(2); AnnotationSession a = annotate(s)) {
			final Patch p = s.grid().get(2);
			a.beginStroke(0, p.x() + 5, p.y() + 5);
			a.endStroke().join();
			final byte[] stroke = s.project().labels().get(2).orElseThrow().mask();
			a.accept().join();
			a.flush();
			assertEquals(LabelKind.DENSE, s.project().labels().get(2).orElseThrow()
				.kind());
			assertEquals(List.of(2), a.undo().join());
			assertArrayEquals(stroke, s.project().labels().get(2).orElseThrow()
				.mask(), "back to the stroke");
			assertEquals(SuggestionState.PENDING, a.suggestions().get(0).state());
			assertEquals(Masks.IGNORE, a.slice(0).get(p.x() + 40, p.y() + 40),
				"the view's pixels follow the store");
			a.undo().join();
			assertTrue(s.project().labels().get(2).isEmpty());
			assertEquals(Masks.IGNORE, a.slice(0).get(p.x() + 5, p.y() + 5));
			a.redo().join();
			a.redo().join();
			assertEquals(LabelKind.DENSE, s.project().labels().get(2).orElseThrow()
				.kind());
			assertEquals(Masks.BACKGROUND, a.slice(0).get(p.x() + 40, p.y() + 40));
			assertEquals(Masks.FOREGROUND, a.slice(0).get(p.x() + 5, p.y() + 5));
			assertEquals(SuggestionState.ACCEPTED, a.suggestions().get(0).state());
		}
	}

	@Test
	void strokesOutsideSuggestionsArePartialLabelsAndReopenKeepsEverything() {
		int scribbled;
		try (ProjectSession s = project(3, 4); AnnotationSession a = annotate(s)) {
			a.beginStroke(7, 100, 100); // no suggestion on slice 7
			a.strokeTo(140, 100);
			a.endStroke().join();
			scribbled = s.project().labels().labelledIds().size();
			assertEquals(2, scribbled, "x 100..140 crosses a patch border");
			a.beginStroke(0, s.grid().get(3).x() + 10, 10);
			a.endStroke().join();
			clock.addAndGet(4_000_000_000L);
			a.accept().join();
			a.flush();
			a.skip().join();
		}
		try (ProjectSession s = ProjectSession.open(dir.resolve("p"));
				AnnotationSession a = annotate(s))
		{
			assertEquals(scribbled + 1, s.project().labels().count());
			assertEquals(SuggestionState.ACCEPTED, a.suggestions().get(0).state());
			assertEquals(SuggestionState.SKIPPED, a.suggestions().get(1).state());
			assertTrue(a.needsRound(), "nothing pending");
			assertEquals(4, s.project().annotationLog().seconds(3), 1e-6);
			a.slice(7);
			a.flush(); // NB: the slice loads on the writer thread
			assertEquals(Masks.FOREGROUND, a.slice(7).get(120, 100));
			assertEquals(Masks.IGNORE, a.slice(7).get(120, 120));
			assertTrue(s.project().labels().canUndo());
			assertEquals(List.of(3), a.undo().join(), "the undo history survives");
			assertEquals(SuggestionState.PENDING, a.suggestions().get(0).state());
		}
	}

	@Test
	void heatmapLayerIsSmoothBetweenPatchCentres() {
		try (ProjectSession s = project(0, 1); AnnotationSession a = annotate(s)) {
			final float[] f = new float[256 * 256];
			a.patchLayer(HeatmapLayer.COMBINED, 0, f);
			// patch 0 (centre 32, 32) scored 1.0, patch 1 (centre 96, 32) 0.9
			assertEquals(1.0, f[32 * 256 + 31], 1e-6);
			assertEquals(0.95, f[32 * 256 + 63], 0.01, "half way: interpolated");
			assertEquals(1.0, f[0], 1e-6, "held constant at the border");
			assertTrue(Float.isNaN(f[200 * 256 + 200]), "no score there");
			a.patchLayer(HeatmapLayer.STREAM_B, 0, f);
			assertEquals(0.5, f[32 * 256 + 31], 1e-6);
		}
	}

	@Test
	void coldStartRoundRetrainInTheBackgroundAndPrefill() throws Exception {
		try (ProjectSession s = project(); AnnotationSession a =
			new AnnotationSession(s, fast(s), clock::get))
		{
			assertTrue(a.needsRound());
			a.suggestNext().join();
			assertEquals(4, a.suggestions().size());
			assertTrue(a.status().note().contains("cold start"), a.status().note());
			assertTrue(Files.isRegularFile(RoundScores.file(s.project().dir(), 1)));
			for (int i = 0; i < 4; i++) {
				final Patch p = a.current().orElseThrow().patch();
				a.beginStroke(p.z(), p.x() + 10, p.y() + 10 + 10 * i);
				a.strokeTo(p.x() + 50, p.y() + 10 + 10 * i);
				a.endStroke();
				a.accept().join();
			a.flush();
			}
			assertEquals(4, a.status().accepted());
			// paint while training runs: nothing is lost
			final var training = a.retrain();
			final Patch q = s.grid().get(200);
			a.setBrushRadius(1);
			for (int i = 0; i < 20; i++) {
				a.beginStroke(q.z(), q.x() + 2 + 3 * i, q.y() + 5);
				a.endStroke();
			}
			final long version = training.join().id();
			a.flush();
			assertEquals(20 * 9, s.project().labels().get(200).orElseThrow().count(
				Masks.FOREGROUND), "every stroke stored");
			assertEquals(version, a.status().modelVersion());
			a.suggestNext().join();
			assertFalse(a.status().note().contains("cold start"));
			final Patch p = a.current().orElseThrow().patch();
			a.setBrushRadius(0);
			a.setTool(Tool.ERASER);
			a.beginStroke(p.z(), p.x(), p.y());
			a.endStroke();
			a.prefill().join();
			final byte[] mask = s.project().labels().get(p.id()).orElseThrow().mask();
			final float[] prob = new float[64 * 64];
			try (TaskModel m = TaskStage.latest(s.project()).orElseThrow()) {
				TiledPredictor.of(m).predictSlice(s.volume().readPatch(p, null), 64, 64,
					prob);
			}
			for (int i = 1; i < mask.length; i++)
				assertEquals(prob[i] >= 0.5 ? Masks.FOREGROUND : Masks.BACKGROUND,
					mask[i], "pixel " + i);
			assertEquals(Masks.BACKGROUND, mask[0], "painted pixels are kept");
			final float[] h = a.pixelEntropy(p.z()).join().orElseThrow();
			assertEquals(256 * 256, h.length);
		}
	}

	static AnnotationSettings fast(final ProjectSession s) {
		final EncoderConfig enc = SuggestSettings.defaults(64).encoder().withEpochs(
			2);
		return new AnnotationSettings(new SuggestSettings("two-stream", 4, 2, 10, 7,
			enc), ModelPreset.fast(64).withUnet(UNetConfig.reference().withArchitecture(
				2, 8)), 5, 0.5, 30);
	}
}
