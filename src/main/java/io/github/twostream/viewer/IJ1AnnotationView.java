package io.github.twostream.viewer;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.EventQueue;
import java.awt.Graphics;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.Panel;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.swing.SwingUtilities;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageLayout;
import ij.gui.StackWindow;
import io.github.twostream.annotation.AnnotatedSuggestion;
import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.Box;
import io.github.twostream.annotation.HeatmapLayer;
import io.github.twostream.annotation.SuggestionState;

/**
 * The ImageJ 1 {@link AnnotationView}: a StackWindow over the EM (zoom, pan,
 * slice slider) with the heatmap, the prediction outline and the painted
 * labels as one translucent overlay image, numbered suggestion boxes
 * (pending yellow, current thick, accepted green, skipped grey dashed), and
 * the {@link AnnotationPanel} on the right.
 * <p>
 * NB: the UI thread only rasterises strokes and recomposes the changed box;
 * saving, training, rounds and predictions run on the session's threads and
 * come back through {@link AnnotationSession.Listener} events.
 * </p>
 */
public final class IJ1AnnotationView implements AnnotationView,
	AnnotationSession.Listener
{

	private static final Color PENDING = new Color(255, 220, 0);
	private static final Color ACCEPTED = new Color(40, 220, 60);
	private static final Color SKIPPED = new Color(150, 150, 150);

	private final AnnotationSession session;
	private final ImagePlus imp;
	private final AnnotationCanvas canvas;
	private final AnnotationPanel panel = new AnnotationPanel();
	private final AnnotationLayers layers;
	private final Window window;
	private final Runnable onClose;
	private final KeyEventDispatcher keys;
	private final AtomicInteger saving = new AtomicInteger();
	private final AtomicBoolean statusQueued = new AtomicBoolean();
	private HeatmapLayer layer = HeatmapLayer.COMBINED;
	private boolean heatVisible = true, predictionVisible;
	private int shownZ = -1, shownPatch = -1;
	private long heatRequest;
	private final HeatImages heat;
	private Object shownScores;
	private volatile long lastPaintEnd;

	/**
	 * Opens the view on the UI thread.
	 *
	 * @param image the EM (e.g. {@link VolumeImages#virtual}), the project's size
	 * @param onClose run on a background thread after the window closed and
	 *          every save reached the store
	 */
	public static IJ1AnnotationView open(final AnnotationSession session,
		final ImagePlus image, final Runnable onClose)
	{
		final IJ1AnnotationView[] view = new IJ1AnnotationView[1];
		final Runnable make = () -> view[0] = new IJ1AnnotationView(session, image,
			onClose);
		if (EventQueue.isDispatchThread()) make.run();
		else {
			try {
				EventQueue.invokeAndWait(make);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			catch (final java.lang.reflect.InvocationTargetException e) {
				if (e.getCause() instanceof RuntimeException r) throw r;
				throw new IllegalStateException(e.getCause());
			}
		}
		return view[0];
	}

	private IJ1AnnotationView(final AnnotationSession session,
		final ImagePlus image, final Runnable onClose)
	{
		this.session = session;
		this.imp = image;
		this.onClose = onClose;
		this.layers = new AnnotationLayers(image.getWidth(), image.getHeight());
		this.heat = new HeatImages(session, layers, image.getWidth() * image
			.getHeight());
		this.canvas = new AnnotationCanvas(image);
		this.window = new AnnotationWindow(image, canvas, panel);
		wirePanel();
		keys = e -> {
			final Component c = e.getComponent();
			final Window w = c instanceof Window ww ? ww : c == null ? null
				: SwingUtilities.getWindowAncestor(c);
			if (w != window) return false;
			final Optional<AnnotationKeys.Action> a = AnnotationKeys.of(e);
			if (a.isEmpty()) return false;
			AnnotationKeys.perform(a.get(), this);
			e.consume();
			return true;
		};
		KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(
			keys);
		session.addListener(this);
		rebuildOverlay();
		panel.show(session);
		// NB: a reopened project's round is there before any change event
		panel.showSuggestions(session.suggestions(), session.currentIndex());
		session.current().ifPresent(this::jumpTo);
		showSlice(imp.getCurrentSlice() - 1);
		if (session.needsRound()) {
			panel.message(session.status().modelVersion() == 0
				? "No pending suggestions: cold start round (stream B alone)..."
				: "No pending suggestions: suggesting the next round...", false);
			session.suggestNext().whenComplete((r, e) -> EventQueue.invokeLater(
				() -> {
					if (e == null) panel.message("Round " + r.round() +
						": paint the numbered patches, Enter accepts", false);
				}));
		}
	}

	// -- AnnotationView --

	@Override
	public AnnotationSession session() {
		return session;
	}

	public ImagePlus image() {
		return imp;
	}

	public Window window() {
		return window;
	}

	public ImageCanvas canvas() {
		return canvas;
	}

	/** The side panel (for tests in this package). */
	AnnotationPanel panel() {
		return panel;
	}

	/** When the canvas last finished painting (System.nanoTime), for benchmarks. */
	public long lastPaintEnd() {
		return lastPaintEnd;
	}

	/** Number of strokes whose save has not reached the store yet. */
	public int unsavedStrokes() {
		return saving.get();
	}

	@Override
	public void jumpTo(final AnnotatedSuggestion s) {
		shownPatch = s.patch().id();
		imp.setSlice(s.patch().z() + 1);
		final Rectangle src = canvas.getSrcRect();
		final int cx = s.patch().x() + s.patch().w() / 2, cy = s.patch().y() + s
			.patch().h() / 2;
		final int x = Math.max(0, Math.min(imp.getWidth() - src.width, cx -
			src.width / 2));
		final int y = Math.max(0, Math.min(imp.getHeight() - src.height, cy -
			src.height / 2));
		canvas.setSourceRect(new Rectangle(x, y, src.width, src.height));
		rebuildOverlay();
		canvas.repaint();
	}

	@Override
	public HeatmapLayer layer() {
		return layer;
	}

	@Override
	public void setLayer(final HeatmapLayer l) {
		layer = l;
		panel.layer.select(l.ordinal());
		loadHeat(shownZ);
	}

	@Override
	public void setHeatmapVisible(final boolean v) {
		heatVisible = v;
		panel.heatmap.setState(v);
		layers.setHeatVisible(v);
		canvas.repaint();
	}

	@Override
	public void setOpacity(final double o) {
		layers.setOpacity(o);
		canvas.repaint();
	}

	@Override
	public void setPredictionVisible(final boolean v) {
		predictionVisible = v;
		panel.prediction.setState(v);
		loadPrediction(shownZ);
	}

	@Override
	public boolean isPredictionVisible() {
		return predictionVisible;
	}

	@Override
	public void toggleHelp() {
		panel.toggleHelp();
	}

	@Override
	public void close() {
		window.dispose();
		disposed();
	}

	// -- Session events (any thread) --

	@Override
	public void labelsChanged(final int z, final Box box) {
		EventQueue.invokeLater(() -> {
			if (z != shownZ) return;
			layers.compose(box);
			repaint(box);
		});
	}

	@Override
	public void suggestionsChanged() {
		EventQueue.invokeLater(() -> {
			rebuildOverlay();
			final List<AnnotatedSuggestion> list = session.suggestions();
			panel.showSuggestions(list, session.currentIndex());
			session.current().filter(s -> s.patch().id() != shownPatch).ifPresent(
				this::jumpTo);
			// NB: a new round brings new scores
			if (session.scores() != shownScores) loadHeat(shownZ);
		});
	}

	@Override
	public void statusChanged() {
		if (!statusQueued.compareAndSet(false, true)) return;
		EventQueue.invokeLater(() -> {
			statusQueued.set(false);
			panel.show(session);
			if (session.task().isEmpty() && predictionVisible) loadPrediction(shownZ);
		});
	}

	@Override
	public void failed(final String message) {
		EventQueue.invokeLater(() -> panel.message(message, true));
		IJ.log("Annotate: " + message);
	}

	// -- Drawing --

	/** Makes slice z's layers current (UI thread). */
	private void showSlice(final int z) {
		shownZ = z;
		layers.setLabels(session.slice(z));
		layers.setPrediction(null);
		layers.composeAll();
		loadHeat(z);
		if (predictionVisible) loadPrediction(z);
	}

	/**
	 * Shows the layer's heatmap of slice z: a rendered image from
	 * {@link HeatImages} (a switch swaps images), or "computing..." until it is
	 * rendered; the other layers are rendered ahead in the background.
	 */
	private void loadHeat(final int z) {
		if (z < 0) return;
		final long request = ++heatRequest;
		final HeatmapLayer l = layer;
		shownScores = session.scores();
		final java.util.concurrent.CompletableFuture<HeatImages.Rendered> f = heat
			.get(l, z);
		if (f.isDone() && !f.isCompletedExceptionally()) showHeat(l, f.join());
		else {
			layers.setHeat(null);
			panel.legend(l.label(), 0, 1, layers, "computing...");
			canvas.repaint();
			f.whenComplete((r, e) -> EventQueue.invokeLater(() -> {
				if (request != heatRequest) return;
				if (e != null) panel.legend(l.label(), 0, 1, layers, "failed");
				else showHeat(l, r);
			}));
		}
		heat.prefetch(z);
	}

	private void showHeat(final HeatmapLayer l, final HeatImages.Rendered r) {
		layers.setHeat(r.image());
		panel.legend(l.label(), r.lo(), r.hi(), layers, r.note());
		canvas.repaint();
	}

	private void loadPrediction(final int z) {
		if (!predictionVisible || z < 0) {
			layers.setPrediction(null);
			recompose();
			return;
		}
		session.prediction(z).whenComplete((p, e) -> EventQueue.invokeLater(() -> {
			if (z != shownZ || !predictionVisible) return;
			if (e != null || p.isEmpty()) {
				panel.message("No prediction yet: retrain first (r)", true);
				return;
			}
			layers.setPrediction(p.get());
			recompose();
		}));
	}

	private void recompose() {
		layers.composeAll();
		canvas.repaint();
	}

	/** Repaints the canvas over an image box (plus the brush outline). */
	private void repaint(final Box b) {
		if (b.isEmpty()) return;
		final double mag = canvas.getMagnification();
		final int pad = 2 + (int) Math.ceil(mag);
		canvas.repaint(canvas.screenX(b.x0()) - pad, canvas.screenY(b.y0()) - pad,
			(int) Math.ceil(b.width() * mag) + 2 * pad, (int) Math.ceil(b.height() *
				mag) + 2 * pad);
	}

	/**
	 * Boxes and numbers are drawn by the canvas itself (NB: an ImageJ Overlay
	 * would make ImageJ repaint the whole canvas double-buffered on every
	 * stroke).
	 */
	private void rebuildOverlay() {
		canvas.repaint();
	}

	/** Draws the layers and the numbered boxes over the EM, within the clip. */
	private void drawOver(final java.awt.Graphics2D g) {
		final Rectangle clip = g.getClipBounds() != null ? g.getClipBounds()
			: new Rectangle(canvas.getSize());
		final int x0 = Math.max(0, canvas.offScreenX(clip.x)), y0 = Math.max(0,
			canvas.offScreenY(clip.y));
		final int x1 = Math.min(imp.getWidth(), canvas.offScreenX(clip.x +
			clip.width) + 1), y1 = Math.min(imp.getHeight(), canvas.offScreenY(clip.y +
				clip.height) + 1);
		layers.paint(g, canvas.screenX(x0), canvas.screenY(y0), canvas.screenX(x1),
			canvas.screenY(y1), x0, y0, x1, y1);
		final double mag = canvas.getMagnification();
		final int current = session.current().map(s -> s.patch().id()).orElse(-1);
		g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD,
			14));
		for (final AnnotatedSuggestion s : session.suggestions()) {
			final var p = s.patch();
			if (p.z() != shownZ) continue;
			final Color c = s.state() == SuggestionState.ACCEPTED ? ACCEPTED : s
				.state() == SuggestionState.SKIPPED ? SKIPPED : PENDING;
			g.setColor(c);
			final float width = p.id() == current ? 4f : 1.5f;
			g.setStroke(s.state() == SuggestionState.SKIPPED
				? new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_BUTT,
					java.awt.BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0)
				: new java.awt.BasicStroke(width));
			final int sx = canvas.screenX(p.x()), sy = canvas.screenY(p.y());
			g.drawRect(sx, sy, (int) Math.round(p.w() * mag), (int) Math.round(p
				.h() * mag));
			g.drawString(String.valueOf(s.number()), sx + 4, sy + 16);
		}
	}

	private void wirePanel() {
		panel.list.addItemListener(e -> {
			final int i = panel.list.getSelectedIndex();
			if (i >= 0 && i != session.currentIndex()) session.select(i);
		});
		panel.layer.addItemListener(e -> setLayer(HeatmapLayer.values()[panel.layer
			.getSelectedIndex()]));
		panel.heatmap.addItemListener(e -> setHeatmapVisible(panel.heatmap
			.getState()));
		panel.prediction.addItemListener(e -> setPredictionVisible(panel.prediction
			.getState()));
		panel.opacity.addAdjustmentListener(e -> setOpacity(e.getValue() / 100.0));
		panel.accept.addActionListener(e -> AnnotationKeys.perform(
			AnnotationKeys.Action.ACCEPT, this));
		panel.skip.addActionListener(e -> {
			if (session.current().isPresent()) session.skip();
		});
		panel.prefill.addActionListener(e -> AnnotationKeys.perform(
			AnnotationKeys.Action.PREFILL, this));
		panel.undo.addActionListener(e -> session.undo());
		panel.redo.addActionListener(e -> session.redo());
		panel.retrain.addActionListener(e -> AnnotationKeys.perform(
			AnnotationKeys.Action.RETRAIN, this));
		panel.suggest.addActionListener(e -> AnnotationKeys.perform(
			AnnotationKeys.Action.SUGGEST, this));
		panel.cancel.addActionListener(e -> session.cancelTask());
	}

	private final AtomicBoolean disposed = new AtomicBoolean();

	/** After the window closed: stop listening, close the session off the UI thread. */
	private void disposed() {
		if (!disposed.compareAndSet(false, true)) return;
		KeyboardFocusManager.getCurrentKeyboardFocusManager()
			.removeKeyEventDispatcher(keys);
		session.removeListener(this);
		heat.close();
		EventQueue.invokeLater(backdrop::flush);
		final Thread t = new Thread(() -> {
			try {
				session.close();
			}
			finally {
				if (onClose != null) onClose.run();
			}
		}, "annotation close");
		t.start();
	}

	// -- Painting with the mouse --

	private void strokeBegin(final int x, final int y) {
		final Box b = session.beginStroke(shownZ, x, y);
		layers.compose(b);
		repaint(b);
	}

	private void strokeTo(final int x, final int y) {
		final Box b = session.strokeTo(x, y);
		layers.compose(b);
		repaint(b);
	}

	private void strokeEnd() {
		saving.incrementAndGet();
		panel.message("Saving...", false);
		session.endStroke().whenComplete((ids, e) -> {
			final int left = saving.decrementAndGet();
			if (e == null && left == 0) EventQueue.invokeLater(() -> panel.message(
				"All strokes saved", false));
		});
	}

	/** The EM canvas: paints with the left button (Space+drag pans as in ImageJ). */
	private final class AnnotationCanvas extends ImageCanvas {

		private static final long serialVersionUID = 1L;
		private boolean painting;
		private int mouseX = -1, mouseY = -1;

		AnnotationCanvas(final ImagePlus imp) {
			super(imp);
		}

		private boolean paints(final MouseEvent e) {
			return e.getButton() == MouseEvent.BUTTON1 && !IJ.spaceBarDown() && !e
				.isPopupTrigger() && !e.isControlDown() && !e.isAltDown() && !e
					.isShiftDown() && !e.isMetaDown();
		}

		@Override
		public void mousePressed(final MouseEvent e) {
			if (!paints(e)) {
				super.mousePressed(e);
				return;
			}
			painting = true;
			strokeBegin(offScreenX(e.getX()), offScreenY(e.getY()));
		}

		@Override
		public void mouseDragged(final MouseEvent e) {
			mouseX = e.getX();
			mouseY = e.getY();
			if (!painting) {
				super.mouseDragged(e);
				return;
			}
			strokeTo(offScreenX(e.getX()), offScreenY(e.getY()));
		}

		@Override
		public void mouseReleased(final MouseEvent e) {
			if (!painting) {
				super.mouseReleased(e);
				return;
			}
			painting = false;
			strokeEnd();
		}

		/** ImageJ's own paint of the EM (and its ROI, overlay, zoom indicator). */
		void paintImageJ(final Graphics g) {
			super.paint(g);
		}

		/**
		 * Whether ImageJ was told the image changed since (its own paint then
		 * updates the image); NB: the flag stays set for that paint.
		 */
		boolean isImageUpdated() {
			return imageUpdated;
		}

		@Override
		public void mouseMoved(final MouseEvent e) {
			super.mouseMoved(e);
			final int r = (int) Math.ceil((session.brushRadius() + 1) *
				getMagnification()) + 2;
			repaint(mouseX - r, mouseY - r, 2 * r + 1, 2 * r + 1);
			mouseX = e.getX();
			mouseY = e.getY();
			repaint(mouseX - r, mouseY - r, 2 * r + 1, 2 * r + 1);
		}

		@Override
		public void paint(final Graphics g) {
			final int z = imp.getCurrentSlice() - 1;
			if (z != shownZ) showSlice(z);
			paintEm(g);
			drawOver((java.awt.Graphics2D) g);
			if (mouseX >= 0) {
				final int r = (int) Math.round((session.brushRadius() + 0.5) *
					getMagnification());
				g.setColor(Color.WHITE);
				g.drawOval(mouseX - r, mouseY - r, 2 * r, 2 * r);
			}
			lastPaintEnd = System.nanoTime();
		}
	}

	/**
	 * The EM as ImageJ paints it, kept display-side by {@link EmBackdrop}
	 * while nothing it depends on changes (NB: ImageJ's ROIs and overlays are
	 * not used by this view; with one, ImageJ paints as usual).
	 */
	private final EmBackdrop backdrop = new EmBackdrop();

	private void paintEm(final Graphics g) {
		if (imp.getRoi() != null || imp.getOverlay() != null || canvas
			.getWidth() <= 0 || canvas.getHeight() <= 0)
		{
			canvas.paintImageJ(g);
			return;
		}
		final boolean fresh = canvas.isImageUpdated();
		backdrop.paint(g, canvas, new EmBackdrop.Key(imp.getCurrentSlice(),
			new Rectangle(canvas.getSrcRect()), canvas.getMagnification(), canvas
				.getWidth(), canvas.getHeight(), imp.getDisplayRangeMin(), imp
					.getDisplayRangeMax(), imp.getProcessor().getColorModel()), fresh,
			o -> canvas.paintImageJ(o));
		canvas.setPaintPending(false);
	}

	/** ImageJ's StackWindow with the side panel on the right. */
	private final class AnnotationWindow extends StackWindow {

		private static final long serialVersionUID = 1L;

		AnnotationWindow(final ImagePlus imp, final ImageCanvas ic,
			final Panel side)
		{
			super(imp, ic);
			// NB: canvas and slice slider keep ImageJ's layout, in a panel on the left
			final Component[] parts = getComponents();
			removeAll();
			final Panel left = new Panel(new ImageLayout(ic));
			for (final Component c : parts)
				left.add(c);
			setLayout(new BorderLayout());
			add(left, BorderLayout.CENTER);
			add(side, BorderLayout.EAST);
			setTitle("Annotate: " + imp.getTitle());
			enlargeSmallImage(ic);
			pack();
		}

		/** NB: ImageJ shows small images at 100%; zoom them to a paintable size. */
		private void enlargeSmallImage(final ImageCanvas ic) {
			final java.awt.Rectangle screen = getGraphicsConfiguration().getBounds();
			final double fit = Math.min((screen.height - 160.0) / imp.getHeight(),
				(screen.width - 480.0) / imp.getWidth());
			final double mag = Math.min(4, Math.floor(fit * 2) / 2);
			if (mag <= ic.getMagnification()) return;
			ic.setMagnification(mag);
			ic.setSize((int) (imp.getWidth() * mag), (int) (imp.getHeight() * mag));
			ic.setSourceRect(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
		}

		@Override
		public boolean close() {
			final boolean closed = super.close();
			if (closed) disposed();
			return closed;
		}
	}
}
