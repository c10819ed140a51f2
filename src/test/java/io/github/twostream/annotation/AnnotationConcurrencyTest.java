package io.github.twostream.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.twostream.loop.LabelTransfer;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.model.UNetConfig;
import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Masks;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.StreamScores;
import io.github.twostream.store.SuggestionRecord;
import io.github.twostream.util.Progress;
import io.github.twostream.volume.Patch;

/**
 * Two writers on one project, each with its own connection as two windows or
 * a window and a {@code twostream} command would have (real SQLite): a save
 * of a patch changed elsewhere since it was loaded is refused and reloaded,
 * never silently overwritten; other patches are unaffected; a training in
 * another connection while painting loses nothing.
 */
class AnnotationConcurrencyTest {

	@TempDir
	Path dir;

	final AtomicLong clock = new AtomicLong();

	ProjectSession create() {
		final ProjectSession s = ProjectSession.create(dir.resolve("p"),
			AnnotationSessionTest.TRAIN, 64, 64);
		s.project().queries().record(1, "two-stream", List.of(new SuggestionRecord(0,
			0, new StreamScores(null, null, null, 0.5, null, 1.0)), new SuggestionRecord(
				1, 1, new StreamScores(null, null, null, 0.4, null, 0.9))));
		return s;
	}

	ProjectSession reopen() {
		return ProjectSession.open(dir.resolve("p"));
	}

	/** A session with its slice 0 loaded and the messages it reports. */
	AnnotationSession annotate(final ProjectSession s, final List<String> messages) {
		final AnnotationSession a = new AnnotationSession(s, AnnotationSettings
			.defaults(s), clock::get);
		a.addListener(new AnnotationSession.Listener() {

			@Override
			public void failed(final String message) {
				messages.add(message);
			}
		});
		a.slice(0);
		a.flush();
		return a;
	}

	/** A horizontal radius-1 stroke on slice 0; returns its save. */
	static CompletableFuture<List<Integer>> stroke(final AnnotationSession a,
		final int x0, final int x1, final int y)
	{
		a.setBrushRadius(1);
		a.beginStroke(0, x0, y);
		a.strokeTo(x1, y);
		return a.endStroke();
	}

	static ChangedElsewhereException refused(final CompletableFuture<?> f) {
		final CompletionException e = assertThrows(CompletionException.class,
			f::join);
		return assertInstanceOf(ChangedElsewhereException.class, e.getCause());
	}

	static byte[] stored(final ProjectSession s, final int id) {
		return s.project().labels().get(id).orElseThrow().mask();
	}

	@Test
	void secondViewOnTheSamePatchIsRefusedAndReloaded() {
		final List<String> said = new CopyOnWriteArrayList<>();
		try (ProjectSession s1 = create(); ProjectSession s2 = reopen();
				AnnotationSession a = annotate(s1, new CopyOnWriteArrayList<>());
				AnnotationSession b = annotate(s2, said))
		{
			final Patch p0 = s1.grid().get(0);
			assertEquals(List.of(0), stroke(a, 10, 30, 10).join());
			final byte[] first = stored(s1, 0);
			// b loaded patch 0 before a's stroke: its stroke there is not written
			final ChangedElsewhereException e = refused(stroke(b, 10, 30, 40));
			assertEquals(List.of(0), e.patchIds());
			assertArrayEquals(first, stored(s1, 0), "the first view's pixels stay");
			assertEquals(Masks.FOREGROUND, first[10 * 64 + 20]);
			assertEquals(Masks.IGNORE, first[40 * 64 + 20], "the refused stroke");
			assertArrayEquals(first, b.slice(0).read(p0),
				"the second view shows the stored pixels again");
			assertEquals(1, said.size(), said.toString());
			assertTrue(said.get(0).startsWith(
				"Patch 0 was changed elsewhere (another window or 'twostream label') and reloaded"),
				said.get(0));
			assertTrue(!said.get(0).contains("\n"), "one line");
			// a different patch is unaffected, and after the reload b writes again
			assertEquals(List.of(1), stroke(b, 70, 90, 20).join());
			assertEquals(Masks.FOREGROUND, stored(s1, 1)[20 * 64 + 20]);
			assertEquals(List.of(0), stroke(b, 10, 30, 40).join());
			final byte[] both = stored(s1, 0);
			assertEquals(Masks.FOREGROUND, both[10 * 64 + 20]);
			assertEquals(Masks.FOREGROUND, both[40 * 64 + 20]);
			// now a is behind: its accept of patch 0 is refused, not stored dense
			assertEquals(0, a.current().orElseThrow().patch().id());
			assertEquals(List.of(0), refused(a.accept()).patchIds());
			assertEquals(LabelKind.SCRIBBLE, s1.project().labels().get(0).orElseThrow()
				.kind());
			assertArrayEquals(both, a.slice(0).read(p0));
			assertEquals(SuggestionState.PENDING, a.current().orElseThrow().state());
			// accepting again accepts what is stored now (both strokes)
			assertEquals(0, a.accept().join());
			final PatchLabel dense = s1.project().labels().get(0).orElseThrow();
			assertEquals(LabelKind.DENSE, dense.kind());
			assertEquals(Masks.FOREGROUND, dense.mask()[40 * 64 + 20]);
			assertEquals(Masks.BACKGROUND, dense.mask()[60 * 64 + 60]);
			// b's undo would undo a's accept, which b has not seen: refused
			assertEquals(List.of(0), refused(b.undo()).patchIds());
			assertArrayEquals(dense.mask(), stored(s1, 0), "nothing undone");
			assertArrayEquals(dense.mask(), b.slice(0).read(p0));
		}
	}

	@Test
	void labelCommandBetweenLoadAndSaveIsNotOverwritten() {
		try (ProjectSession s1 = create(); AnnotationSession a = annotate(s1,
			new CopyOnWriteArrayList<>()))
		{
			// what 'twostream label' does, in its own connection
			try (ProjectSession cli = reopen()) {
				assertEquals(1, LabelTransfer.importPatches(cli, "test-data/train-labels.tif",
					new int[] { 1 }, 255));
			}
			final byte[] truth = stored(s1, 1);
			// a stroke across patches 0 and 1: 0 is saved, 1 refused and reloaded
			final ChangedElsewhereException e = refused(stroke(a, 40, 80, 30));
			assertEquals(List.of(1), e.patchIds());
			assertArrayEquals(truth, stored(s1, 1), "the command's label is kept");
			assertEquals(LabelKind.DENSE, s1.project().labels().get(1).orElseThrow()
				.kind());
			assertArrayEquals(truth, a.slice(0).read(s1.grid().get(1)));
			final byte[] zero = stored(s1, 0);
			assertEquals(Masks.FOREGROUND, zero[30 * 64 + 50], "patch 0 is saved");
			assertEquals(1, s1.project().labels().labelledIds().stream().filter(
				id -> id == 0).count());
		}
	}

	@Test
	void trainingInAnotherConnectionWhilePaintingLosesNothing() {
		create().close();
		try (ProjectSession cli = reopen()) {
			LabelTransfer.importPatches(cli, "test-data/train-labels.tif", new int[] {
				0, 1 }, 255);
		}
		final List<String> said = new CopyOnWriteArrayList<>();
		try (ProjectSession s1 = reopen(); ProjectSession cli = reopen();
				AnnotationSession a = annotate(s1, said))
		{
			// what 'twostream train' does, in its own connection, while the view paints
			final ModelPreset tiny = ModelPreset.fast(64).withUnet(UNetConfig
				.reference().withArchitecture(2, 8));
			final CompletableFuture<TaskStage.Trained> train = CompletableFuture
				.supplyAsync(() -> TaskStage.train(cli, tiny, 20, false, Progress.NONE));
			final Patch p = s1.grid().get(2);
			int strokes = 0;
			while (!train.isDone() || strokes < 10) {
				stroke(a, p.x() + 2, p.x() + 60, p.y() + 2 + 3 * (strokes % 20)).join();
				strokes++;
			}
			try (TaskStage.Trained t = train.join()) {
				assertTrue(t.version().id() > 0);
				assertTrue(t.version().labelledCount() >= 2, "trained on the labels");
			}
			a.flush();
			final byte[] m = stored(s1, 2);
			for (int k = 0; k < Math.min(strokes, 20); k++)
				assertEquals(Masks.FOREGROUND, m[(2 + 3 * k) * 64 + 30], "stroke " + k);
			assertTrue(said.isEmpty(), said.toString());
			assertEquals(3, s1.project().labels().count());
			assertEquals("ok", s1.project().integrityCheck());
		}
	}
}
