package io.github.twostream.annotation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.twostream.loop.ProjectSession;
import io.github.twostream.loop.SuggestionEngine;
import io.github.twostream.loop.SuggestionResult;
import io.github.twostream.loop.TaskStage;
import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Labels;
import io.github.twostream.store.Masks;
import io.github.twostream.store.ModelKind;
import io.github.twostream.store.ModelVersion;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;
import io.github.twostream.store.QueryRound;
import io.github.twostream.store.SuggestionRecord;
import io.github.twostream.util.UserException;
import io.github.twostream.volume.Patch;
import io.github.twostream.volume.PatchGrid;

/**
 * The expert's annotation work on a project, without any window: the current
 * round's suggestions (pending / accepted / skipped), painting in place, and
 * retraining and suggesting in the background.
 * <p>
 * Painting ({@link #beginStroke}, {@link #strokeTo}, {@link #endStroke}) is
 * rasterised into per-slice {@link SliceLabels} at once, on the caller's
 * thread (the UI thread), and never waits for the database. Every stroke end
 * saves the patches the stroke touched on a single writer thread, in order:
 * a touched suggestion or any other patch becomes a partial (scribble) label,
 * {@link Masks#IGNORE} where unpainted; {@link #accept()} stores the current
 * suggestion as a dense label (unpainted pixels are background) with the
 * active seconds spent on it. Undo and redo go through the project's store
 * ({@link Labels#undo()}), so they survive a restart. Retraining
 * ({@link TaskStage#train}) and new rounds ({@link SuggestionEngine}) run on a
 * background thread with {@link BackgroundTask} progress and cancel; the
 * prediction for prefill on a third.
 * </p>
 * <p>
 * Nothing is silently overwritten: the session remembers the store's revision
 * of every patch it loaded and writes conditionally ({@link Labels#putAll(List,
 * Map)}); a stroke, accept, prefill, undo or redo of a patch whose stored label
 * changed since (another window, {@code twostream label}, another program) is
 * not written, the patch's stored pixels are reloaded and the future fails with
 * a {@link ChangedElsewhereException} (its one-line message goes to the
 * listeners' {@link Listener#failed}). The refused change is not in the undo
 * history (it never reached the store).
 * </p>
 * <p>
 * NB: only the writer, trainer and predictor threads touch the database after
 * opening, so the UI thread never blocks on a lock held by another program;
 * {@link #status()} is a snapshot refreshed after every change.
 * </p>
 */
public final class AnnotationSession implements AutoCloseable {

	/** Hears about changes; called on any thread. */
	public interface Listener {

		/** Pixels of slice z changed (an undo, a prefill, an accept). */
		default void labelsChanged(final int z, final Box box) {}

		/** The suggestions, their states or the current one changed. */
		default void suggestionsChanged() {}

		/** The status (counts, model, background task) changed. */
		default void statusChanged() {}

		/** Background work failed (the message is one line). */
		default void failed(final String message) {}
	}

	/** Smallest and largest brush radius (keys [ and ]). */
	public static final int MIN_RADIUS = 0, MAX_RADIUS = 64;

	private final ProjectSession session;
	private final Project project;
	private final PatchGrid grid;
	private final AnnotationSettings settings;
	private final LongSupplier nanos;
	private final List<List<Patch>> bySlice;
	private final Map<Integer, SliceLabels> slices = new ConcurrentHashMap<>();
	private final Map<Integer, ActiveClock> clocks = new ConcurrentHashMap<>();
	/** Each loaded patch's label revision as last read or written here. */
	private final Map<Integer, Long> revisions = new ConcurrentHashMap<>();
	private final List<Listener> listeners = new CopyOnWriteArrayList<>();
	private final ExecutorService writer = Executors.newSingleThreadExecutor(
		r -> thread(r, "annotation writer", Thread.NORM_PRIORITY));
	private final ExecutorService trainer = Executors.newSingleThreadExecutor(
		r -> thread(r, "annotation trainer", Thread.MIN_PRIORITY));
	private final ExecutorService predictor = Executors.newSingleThreadExecutor(
		r -> thread(r, "annotation predictor", Thread.MIN_PRIORITY));
	private final ModelPredictions predictions;

	private volatile QueryRound round;
	private volatile RoundScores scores;
	private volatile String note = "";
	private volatile List<AnnotatedSuggestion> suggestions = List.of();
	private volatile int current = -1;
	private volatile AnnotationStatus status;
	private volatile BackgroundTask task;
	private volatile Tool tool = Tool.BRUSH;
	private volatile int radius = 4;
	private Stroke stroke;

	/** A stroke in progress on slice z. */
	private static final class Stroke {

		final int z;
		int x, y;
		Box box = Box.EMPTY;

		Stroke(final int z, final int x, final int y) {
			this.z = z;
			this.x = x;
			this.y = y;
		}
	}

	/**
	 * @param nanos the clock for active time ({@code System::nanoTime}; tests
	 *          give their own)
	 */
	public AnnotationSession(final ProjectSession session,
		final AnnotationSettings settings, final LongSupplier nanos)
	{
		this.session = session;
		this.project = session.project();
		this.grid = session.grid();
		this.settings = settings;
		this.nanos = nanos;
		this.bySlice = new ArrayList<>();
		for (int z = 0; z < grid.depth(); z++)
			bySlice.add(new ArrayList<>());
		for (final Patch p : grid.patches())
			bySlice.get(p.z()).add(p);
		this.predictions = new ModelPredictions(project, session.volume());
		this.round = project.queries().latest().orElse(null);
		this.scores = round == null ? RoundScores.none(grid.size()) : RoundScores
			.load(project.dir(), round, grid.size());
		this.note = round == null ? "" : coldStartNote(round);
		refresh();
		current = firstPending(0);
		if (current >= 0) clock(suggestions.get(current).patch().id()).tick();
	}

	/** A session with the project's default settings and the system clock. */
	public static AnnotationSession open(final ProjectSession session) {
		return new AnnotationSession(session, AnnotationSettings.defaults(session),
			System::nanoTime);
	}

	public void addListener(final Listener l) {
		listeners.add(l);
	}

	public void removeListener(final Listener l) {
		listeners.remove(l);
	}

	// -- Project and round --

	public ProjectSession projectSession() {
		return session;
	}

	public PatchGrid grid() {
		return grid;
	}

	public AnnotationSettings settings() {
		return settings;
	}

	/** The patches of slice z. */
	public List<Patch> patchesOn(final int z) {
		return bySlice.get(z);
	}

	/** The current round's suggestions in rank order. */
	public List<AnnotatedSuggestion> suggestions() {
		return suggestions;
	}

	/** Every patch's scores of the current round. */
	public RoundScores scores() {
		return scores;
	}

	/** True if there is no round yet or no pending suggestion left. */
	public boolean needsRound() {
		return suggestions.stream().noneMatch(s -> s
			.state() == SuggestionState.PENDING);
	}

	/** The latest status (refreshed after every change, never blocks). */
	public AnnotationStatus status() {
		final AnnotationStatus s = status;
		final BackgroundTask t = task;
		return new AnnotationStatus(s.round(), s.strategy(), s.note(), s.labelled(),
			s.accepted(), s.pending(), s.modelVersion(), s.device(), s
				.secondsPerAccepted(), t == null ? "" : t.line());
	}

	// -- Navigation --

	/** Index of the current suggestion in {@link #suggestions()}; -1 if none. */
	public int currentIndex() {
		return current;
	}

	public Optional<AnnotatedSuggestion> current() {
		final int i = current;
		final List<AnnotatedSuggestion> s = suggestions;
		return i >= 0 && i < s.size() ? Optional.of(s.get(i)) : Optional.empty();
	}

	/** Moves to the next suggestion (wrapping); returns it. */
	public Optional<AnnotatedSuggestion> next() {
		return select(Math.floorMod(current + 1, Math.max(1, suggestions.size())));
	}

	/** Moves to the previous suggestion (wrapping); returns it. */
	public Optional<AnnotatedSuggestion> previous() {
		return select(Math.floorMod(current - 1, Math.max(1, suggestions.size())));
	}

	/** Makes suggestion {@code index} current. */
	public Optional<AnnotatedSuggestion> select(final int index) {
		if (index < 0 || index >= suggestions.size()) return Optional.empty();
		current().ifPresent(s -> clock(s.patch().id()).pause());
		current = index;
		clock(suggestions.get(index).patch().id()).tick();
		fire(Listener::suggestionsChanged);
		return current();
	}

	// -- Tools --

	public Tool tool() {
		return tool;
	}

	public void setTool(final Tool t) {
		tool = t;
		fire(Listener::statusChanged);
	}

	public int brushRadius() {
		return radius;
	}

	public void setBrushRadius(final int r) {
		radius = Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, r));
		fire(Listener::statusChanged);
	}

	// -- Painting --

	/**
	 * The labels of slice z (loaded from the store on first use: on the writer
	 * thread, so strokes made meanwhile are kept and saved after the load).
	 */
	public SliceLabels slice(final int z) {
		if (z < 0 || z >= grid.depth()) throw new IllegalArgumentException(
			"slice " + z);
		return slices.computeIfAbsent(z, k -> {
			final SliceLabels s = new SliceLabels(grid.width(), grid.height());
			writer.execute(() -> load(k, s));
			return s;
		});
	}

	/** Slice z with its stored labels read in (writer thread). */
	private SliceLabels loadedSlice(final int z) {
		final SliceLabels s = slice(z);
		load(z, s);
		return s;
	}

	/** Starts a stroke with the current tool at (x, y) on slice z; returns what changed. */
	public synchronized Box beginStroke(final int z, final int x, final int y) {
		final SliceLabels s = slice(z);
		stroke = new Stroke(z, x, y);
		if (tool == Tool.FILL) stroke.box = fillAt(s, z, x, y);
		else stroke.box = s.stamp(x, y, radius, value());
		tick(z, stroke.box);
		return stroke.box;
	}

	/** Continues the stroke to (x, y); returns what changed. */
	public synchronized Box strokeTo(final int x, final int y) {
		if (stroke == null || tool == Tool.FILL) return Box.EMPTY;
		final Box b = slice(stroke.z).line(stroke.x, stroke.y, x, y, radius,
			value());
		stroke.x = x;
		stroke.y = y;
		stroke.box = stroke.box.union(b);
		tick(stroke.z, b);
		return b;
	}

	/**
	 * Ends the stroke and saves the patches it touched (one undo step).
	 *
	 * @return completes with the saved patch ids once they are in the store
	 */
	public synchronized CompletableFuture<List<Integer>> endStroke() {
		final Stroke s = stroke;
		stroke = null;
		if (s == null || s.box.isEmpty()) return CompletableFuture.completedFuture(
			List.of());
		return onWriter(() -> save(s.z, touched(s.z, s.box)));
	}

	private byte value() {
		return tool == Tool.ERASER ? Masks.BACKGROUND : Masks.FOREGROUND;
	}

	/** Fills foreground within the patch under (x, y), the current one first. */
	private Box fillAt(final SliceLabels s, final int z, final int x,
		final int y)
	{
		final Optional<Patch> cur = current().map(AnnotatedSuggestion::patch)
			.filter(p -> p.z() == z && Box.of(p).contains(x, y));
		final Optional<Patch> p = cur.isPresent() ? cur : bySlice.get(z).stream()
			.filter(q -> Box.of(q).contains(x, y)).findFirst();
		return p.map(q -> s.fill(x, y, Box.of(q), Masks.FOREGROUND)).orElse(
			Box.EMPTY);
	}

	/** The patches of slice z that intersect the box. */
	private List<Patch> touched(final int z, final Box box) {
		final List<Patch> out = new ArrayList<>();
		for (final Patch p : bySlice.get(z))
			if (Box.of(p).intersects(box)) out.add(p);
		return out;
	}

	/** Ticks the clocks of the suggestions the box touches. */
	private void tick(final int z, final Box box) {
		for (final AnnotatedSuggestion s : suggestions)
			if (s.patch().z() == z && Box.of(s.patch()).intersects(box)) clock(s
				.patch().id()).tick();
	}

	private ActiveClock clock(final int patchId) {
		return clocks.computeIfAbsent(patchId, k -> new ActiveClock(nanos,
			(long) (settings.idleSeconds() * 1e9)));
	}

	// -- Prefill, accept, skip --

	/**
	 * Fills the unpainted pixels of the current suggestion with the task
	 * model's prediction (foreground where p >= threshold), saved like a stroke.
	 *
	 * @return completes with the patch id once saved; fails with a
	 *         {@link UserException} before the first training
	 */
	public CompletableFuture<Integer> prefill() {
		final AnnotatedSuggestion s = current().orElseThrow(() -> noSuggestion());
		final Patch p = s.patch();
		clock(p.id()).tick();
		return CompletableFuture.supplyAsync(() -> {
			final float[] prob = predictions.patch(p).orElseThrow(
				() -> new UserException("There is no task model yet to prefill from",
					"paint and accept some patches, then retrain (r)"));
			final byte[] mask = new byte[prob.length];
			for (int i = 0; i < prob.length; i++)
				mask[i] = prob[i] >= settings.threshold() ? Masks.FOREGROUND
					: Masks.BACKGROUND;
			return mask;
		}, predictor).thenComposeAsync(mask -> {
			loadedSlice(p.z()).write(p, mask, true);
			fire(l -> l.labelsChanged(p.z(), Box.of(p)));
			save(p.z(), List.of(p));
			return CompletableFuture.completedFuture(p.id());
		}, writer);
	}

	/**
	 * Stores the current suggestion as a dense label (unpainted pixels become
	 * background) with its active seconds, and moves to the next pending one.
	 *
	 * @return completes with the patch id once it is in the store
	 */
	public CompletableFuture<Integer> accept() {
		final AnnotatedSuggestion s = current().orElseThrow(() -> noSuggestion());
		final Patch p = s.patch();
		final ActiveClock c = clock(p.id());
		c.tick();
		final double seconds = c.seconds();
		return onWriter(() -> {
			final SliceLabels sl = loadedSlice(p.z());
			final byte[] mask = sl.read(p);
			for (int i = 0; i < mask.length; i++)
				if (mask[i] == Masks.IGNORE) mask[i] = Masks.BACKGROUND;
			write(List.of(new PatchLabel(p.id(), LabelKind.DENSE, mask, null)),
				"accept");
			// NB: a refused accept keeps the clock running
			clocks.remove(p.id(), c);
			project.annotationLog().addSeconds(p.id(), seconds);
			if (round != null && s.state() == SuggestionState.SKIPPED) project
				.annotationLog().unskip(round.round(), p.id());
			sl.write(p, mask, false);
			fire(l -> l.labelsChanged(p.z(), Box.of(p)));
			// NB: stored; the states and the move follow as the next writer task
			writer.execute(() -> {
				refresh();
				moveToPending();
			});
			return p.id();
		});
	}

	/** Marks the current suggestion skipped and moves to the next pending one. */
	public CompletableFuture<Integer> skip() {
		final AnnotatedSuggestion s = current().orElseThrow(() -> noSuggestion());
		final int r = round.round();
		return onWriter(() -> {
			project.annotationLog().skip(r, s.patch().id());
			refresh();
			moveToPending();
			return s.patch().id();
		});
	}

	// -- Undo / redo --

	/** Undoes the latest label edit in the store; completes with the patch ids it changed. */
	public CompletableFuture<List<Integer>> undo() {
		return onWriter(() -> step(project.labels().undo(revisions), "undo"));
	}

	/** Redoes the latest undone edit; completes with the patch ids it changed. */
	public CompletableFuture<List<Integer>> redo() {
		return onWriter(() -> step(project.labels().redo(revisions), "redo"));
	}

	/** Waits until every save queued so far is in the store. */
	public void flush() {
		onWriter(() -> null).join();
	}

	// -- Background work --

	/** The running background task (retrain or suggest), if any. */
	public Optional<BackgroundTask> task() {
		return Optional.ofNullable(task);
	}

	/** Cancels the running background task, if any. */
	public void cancelTask() {
		final BackgroundTask t = task;
		if (t != null) t.cancel();
	}

	/**
	 * Fine-tunes the task model on every stored label in the background (a new
	 * model version); painting goes on meanwhile.
	 */
	public CompletableFuture<ModelVersion> retrain() {
		return background("Retraining", t -> {
			try (TaskStage.Trained trained = TaskStage.train(session, settings
				.model(), settings.trainSteps(), false, t))
			{
				return trained.version();
			}
		});
	}

	/**
	 * Runs the next suggestion round in the background (cold start: stream B
	 * alone when there is no task model yet) and makes it current.
	 */
	public CompletableFuture<SuggestionResult> suggestNext() {
		return background("Suggesting", t -> {
			final SuggestionEngine engine = new SuggestionEngine(session, settings
				.suggest(), t);
			if (!engine.checkInput()) throw new UserException(engine
				.getErrorMessage(), "start a new project or label fewer patches");
			engine.process();
			final SuggestionResult r = engine.getResult();
			writeScores(r);
			onWriter(() -> {
				adopt(project.queries().round(r.round()).orElseThrow(), RoundScores.of(
					r), r.selection().note());
				return null;
			}).join();
			return r;
		});
	}

	/** The foreground probability of slice z from the latest model (empty before training). */
	public CompletableFuture<Optional<float[]>> prediction(final int z) {
		return CompletableFuture.supplyAsync(() -> predictions.slice(z), predictor);
	}

	/** Per-pixel entropy (bits) of the latest model's prediction of slice z. */
	public CompletableFuture<Optional<float[]>> pixelEntropy(final int z) {
		return prediction(z).thenApply(p -> p.map(ModelPredictions::entropy));
	}

	/**
	 * The heatmap of a per-patch layer on slice z, smoothed (see
	 * {@link ScoreField}); fast enough for the UI thread.
	 */
	public void patchLayer(final HeatmapLayer layer, final int z,
		final float[] out)
	{
		ScoreField.smooth(bySlice.get(z), scores.of(layer), grid.width(), grid
			.height(), out);
	}

	@Override
	public void close() {
		cancelTask();
		trainer.shutdown();
		predictor.shutdown();
		// NB: every queued save reaches the store before the session closes
		writer.shutdown();
		try {
			writer.awaitTermination(1, TimeUnit.MINUTES);
			trainer.awaitTermination(10, TimeUnit.MINUTES);
			predictor.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		predictions.close();
	}

	// -- Helpers (writer thread unless said otherwise) --

	/** Loads the stored labels of slice z into s, keeping strokes made meanwhile. */
	private void load(final int z, final SliceLabels s) {
		if (s.loaded()) return;
		s.markLoaded();
		final List<Patch> patches = bySlice.get(z);
		final List<Labels.Revised> stored = project.labels().read(patches.stream()
			.map(Patch::id).toList());
		for (int i = 0; i < patches.size(); i++) {
			final Labels.Revised r = stored.get(i);
			revisions.put(r.patchId(), r.revision());
			final Patch p = patches.get(i);
			r.label().ifPresent(l -> s.write(p, l.mask(), true));
		}
		fire(l -> l.labelsChanged(z, new Box(0, 0, grid.width(), grid.height())));
	}

	/**
	 * Stores the patches' current pixels: dense stays dense (unpainted =
	 * background), otherwise a scribble; unchanged or unpainted patches are
	 * left alone. One transaction, one undo step.
	 */
	private List<Integer> save(final int z, final List<Patch> patches) {
		final SliceLabels s = loadedSlice(z);
		final Labels labels = project.labels();
		final List<PatchLabel> puts = new ArrayList<>();
		for (final Patch p : patches) {
			final byte[] mask = s.read(p);
			final Optional<PatchLabel> old = labels.get(p.id());
			final boolean dense = old.isPresent() && old.get()
				.kind() == LabelKind.DENSE;
			if (dense) {
				for (int i = 0; i < mask.length; i++)
					if (mask[i] == Masks.IGNORE) mask[i] = Masks.BACKGROUND;
			}
			else if (allIgnore(mask)) continue;
			final LabelKind kind = dense ? LabelKind.DENSE : LabelKind.SCRIBBLE;
			if (old.isPresent() && old.get().kind() == kind && Arrays.equals(old.get()
				.mask(), mask)) continue;
			puts.add(new PatchLabel(p.id(), kind, mask, null));
		}
		if (puts.isEmpty()) return List.of();
		final List<Integer> ids = write(puts, "stroke");
		refresh();
		return ids;
	}

	/**
	 * Writes the labels if their patches are unchanged in the store since read
	 * here; a refused patch is reloaded and reported by a
	 * {@link ChangedElsewhereException} (after the others were written).
	 */
	private List<Integer> write(final List<PatchLabel> puts, final String what) {
		final Map<Integer, Long> expected = new java.util.HashMap<>();
		for (final PatchLabel l : puts) {
			final Long r = revisions.get(l.patchId());
			if (r != null) expected.put(l.patchId(), r);
		}
		final Labels.Outcome o = project.labels().putAll(puts, expected);
		revisions.putAll(o.written());
		if (!o.refused().isEmpty()) {
			reload(o.refused());
			throw new ChangedElsewhereException(o.refused(), what);
		}
		return List.copyOf(o.written().keySet());
	}

	/** After an undo/redo: the changed patches' pixels, or the refused ones reloaded. */
	private List<Integer> step(final Labels.Outcome o, final String what) {
		if (!o.refused().isEmpty()) {
			reload(o.refused());
			throw new ChangedElsewhereException(o.refused(), what);
		}
		return reload(List.copyOf(o.written().keySet()));
	}

	/** The patches' stored pixels and revisions, read again (after an undo, a refused save). */
	private List<Integer> reload(final List<Integer> ids) {
		for (final int id : ids) {
			final Patch p = grid.get(id);
			final SliceLabels s = slices.get(p.z());
			if (s == null) continue;
			// NB: overlapping patches (stride < size) keep their own pixels
			final List<Integer> read = new ArrayList<>(List.of(id));
			for (final Patch q : bySlice.get(p.z()))
				if (q.id() != id && Box.of(q).intersects(Box.of(p))) read.add(q.id());
			final List<Labels.Revised> stored = project.labels().read(read);
			s.clear(p);
			// NB: only this patch counts as read again: the others' pixels were
			// kept where painted
			revisions.put(id, stored.get(0).revision());
			for (final Labels.Revised r : stored)
				r.label().ifPresent(l -> s.write(grid.get(r.patchId()), l.mask(), r
					.patchId() != id));
			fire(l -> l.labelsChanged(p.z(), Box.of(p)));
		}
		refresh();
		return ids;
	}

	/** Makes a new round current (writer thread). */
	private void adopt(final QueryRound q, final RoundScores s, final String n) {
		round = q;
		scores = s;
		note = n.isEmpty() ? coldStartNote(q) : n;
		refresh();
		current = -1;
		moveToPending();
	}

	/** Recomputes the suggestions' states and the status from the store. */
	private void refresh() {
		final QueryRound q = round;
		final List<AnnotatedSuggestion> list = new ArrayList<>();
		int accepted = 0, pending = 0;
		if (q != null) {
			final Set<Integer> skipped = project.annotationLog().skipped(q.round());
			for (final SuggestionRecord r : q.suggestions()) {
				final boolean dense = project.labels().get(r.patchId()).map(
					l -> l.kind() == LabelKind.DENSE).orElse(false);
				final SuggestionState st = dense ? SuggestionState.ACCEPTED : skipped
					.contains(r.patchId()) ? SuggestionState.SKIPPED
						: SuggestionState.PENDING;
				if (st == SuggestionState.ACCEPTED) accepted++;
				if (st == SuggestionState.PENDING) pending++;
				// NB: numbered by position (rounds store ranks 0- or 1-based)
				list.add(new AnnotatedSuggestion(list.size() + 1, grid.get(r
					.patchId()), r.scores(), st));
			}
		}
		final boolean changed = !list.equals(suggestions);
		suggestions = List.copyOf(list);
		final Optional<ModelVersion> model = project.models().latest(
			ModelKind.TASK);
		final int timed = project.annotationLog().timedPatches();
		status = new AnnotationStatus(q == null ? 0 : q.round(), q == null ? ""
			: q.strategy(), note, project.labels().count(), accepted, pending, model
				.map(ModelVersion::id).orElse(0L), model.map(ModelVersion::device)
					.orElse("none"), timed == 0 ? Double.NaN : project.annotationLog()
						.totalSeconds() / timed, "");
		// NB: a stroke changes counts, not the suggestions: no full redraw
		if (changed) fire(Listener::suggestionsChanged);
		fire(Listener::statusChanged);
	}

	/** Moves to the first pending suggestion after the current one (wrapping). */
	private void moveToPending() {
		final int i = firstPending(current + 1);
		if (i >= 0) select(i);
		else fire(Listener::suggestionsChanged);
	}

	private int firstPending(final int from) {
		final List<AnnotatedSuggestion> s = suggestions;
		for (int k = 0; k < s.size(); k++) {
			final int i = Math.floorMod(from + k, s.size());
			if (s.get(i).state() == SuggestionState.PENDING) return i;
		}
		return -1;
	}

	private void writeScores(final SuggestionResult r) {
		final Path csv = RoundScores.file(project.dir(), r.round());
		try {
			Files.createDirectories(csv.getParent());
			r.writeCsv(csv, true);
		}
		catch (final IOException e) {
			throw new UserException("Cannot write " + csv + " (" + e.getMessage() +
				")", "check the project folder is writable", e);
		}
	}

	/** The round's note when it was made without stream A. */
	private static String coldStartNote(final QueryRound q) {
		final boolean streamA = q.suggestions().stream().anyMatch(s -> s.scores()
			.entropy() != null);
		return streamA || q.suggestions().isEmpty() ? ""
			: "cold start: no task model yet, suggestions from stream B (structure) alone";
	}

	private interface Work<T> {

		T run(BackgroundTask task);
	}

	/** Runs work on the trainer thread as the session's one background task. */
	private <T> CompletableFuture<T> background(final String name,
		final Work<T> work)
	{
		final BackgroundTask t = new BackgroundTask(name, () -> fire(
			Listener::statusChanged));
		return CompletableFuture.supplyAsync(() -> {
			task = t;
			fire(Listener::statusChanged);
			try {
				return work.run(t);
			}
			catch (final RuntimeException e) {
				fire(l -> l.failed(name + ": " + message(e)));
				throw e;
			}
			finally {
				task = null;
				onWriter(() -> {
					refresh();
					return null;
				});
			}
		}, trainer);
	}

	private <T> CompletableFuture<T> onWriter(final Supplier<T> work) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return work.get();
			}
			catch (final RuntimeException e) {
				fire(l -> l.failed(message(e)));
				throw e;
			}
		}, writer);
	}

	private static String message(final Throwable e) {
		return e instanceof io.github.twostream.util.CancelledException
			? "cancelled" : e.getMessage() == null ? e.toString() : e.getMessage();
	}

	private void fire(final java.util.function.Consumer<Listener> event) {
		for (final Listener l : listeners)
			event.accept(l);
	}

	private static boolean allIgnore(final byte[] mask) {
		for (final byte b : mask)
			if (b != Masks.IGNORE) return false;
		return true;
	}

	private static UserException noSuggestion() {
		return new UserException("There is no current suggestion",
			"suggest the next round (s) first");
	}

	private static Thread thread(final Runnable r, final String name,
		final int priority)
	{
		final Thread t = new Thread(r, name);
		t.setDaemon(true);
		t.setPriority(priority);
		return t;
	}

	/** The ids of a set, for tests and tables. */
	static Set<Integer> ids(final List<AnnotatedSuggestion> list) {
		final Set<Integer> ids = new LinkedHashSet<>();
		for (final AnnotatedSuggestion s : list)
			ids.add(s.patch().id());
		return ids;
	}
}
