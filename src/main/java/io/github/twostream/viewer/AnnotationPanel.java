package io.github.twostream.viewer;

import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Canvas;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.Label;
import java.awt.Panel;
import java.awt.Scrollbar;
import java.awt.TextArea;
import java.util.List;
import java.util.Locale;

import io.github.twostream.annotation.AnnotatedSuggestion;
import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.AnnotationStatus;
import io.github.twostream.annotation.HeatmapLayer;
import io.github.twostream.store.StreamScores;

/**
 * The side panel of {@link IJ1AnnotationView}: round and cold-start note, the
 * suggestion list (rank, patch, slice, each stream's score, state), counts,
 * model version and device, seconds per accepted patch, tool, heatmap layer /
 * opacity / legend, background task with cancel, buttons, and the keys.
 */
final class AnnotationPanel extends Panel {

	private static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 12);

	final java.awt.List list = new java.awt.List(12, false);
	final Choice layer = new Choice();
	final Checkbox heatmap = new Checkbox("heatmap", true);
	final Checkbox prediction = new Checkbox("prediction (o)", false);
	final Scrollbar opacity = new Scrollbar(Scrollbar.HORIZONTAL, 45, 5, 0, 105);
	final Button accept = new Button("Accept (Enter)");
	final Button skip = new Button("Skip");
	final Button prefill = new Button("Prefill (m)");
	final Button retrain = new Button("Retrain (r)");
	final Button suggest = new Button("Suggest next (s)");
	final Button cancel = new Button("Cancel");
	final Button undo = new Button("Undo");
	final Button redo = new Button("Redo");
	private final Label round = new Label();
	private final Label note = new Label();
	private final Label counts = new Label();
	private final Label model = new Label();
	private final Label time = new Label();
	private final Label tool = new Label();
	private final Label task = new Label();
	private final Label message = new Label();
	private final Legend legend = new Legend();
	private final TextArea help = new TextArea(AnnotationKeys.help(), 17, 50,
		TextArea.SCROLLBARS_NONE);

	AnnotationPanel() {
		super(new java.awt.GridBagLayout());
		for (final HeatmapLayer l : HeatmapLayer.values())
			layer.add(l.label());
		list.setFont(MONO);
		help.setEditable(false);
		help.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
		task.setForeground(new Color(0, 90, 160));
		final Panel buttons = new Panel(new GridLayout(0, 2, 2, 2));
		for (final Button b : new Button[] { accept, skip, prefill, undo, redo,
			retrain, suggest, cancel })
			buttons.add(b);
		final java.awt.GridBagConstraints c = new java.awt.GridBagConstraints();
		c.gridx = 0;
		c.fill = java.awt.GridBagConstraints.HORIZONTAL;
		c.weightx = 1;
		c.insets = new java.awt.Insets(1, 4, 1, 4);
		for (final java.awt.Component x : new java.awt.Component[] { round, note,
			counts, model, time, tool, header(
				"Suggestions   # patch  z  comb    A      B    state") })
			add(x, c);
		c.fill = java.awt.GridBagConstraints.BOTH;
		c.weighty = 1;
		add(list, c);
		c.fill = java.awt.GridBagConstraints.HORIZONTAL;
		c.weighty = 0;
		for (final java.awt.Component x : new java.awt.Component[] { header(
			"Heatmap (h)"), row(layer, heatmap), row(new Label("opacity"), opacity),
			legend, prediction, header("Work"), task, message, buttons, header(
				"Keys (F1)"), help })
			add(x, c);
	}

	/** Shows or hides the keys. */
	void toggleHelp() {
		help.setVisible(!help.isVisible());
		validate();
	}

	void show(final AnnotationSession s) {
		final AnnotationStatus st = s.status();
		round.setText(st.round() == 0 ? "No round yet" : "Round " + st.round() +
			" (" + st.strategy() + ")");
		note.setText(st.note());
		note.setForeground(new Color(160, 60, 0));
		counts.setText("Labelled patches: " + st.labelled() + "   accepted " + st
			.accepted() + ", pending " + st.pending());
		model.setText(st.modelVersion() == 0 ? "Task model: none yet (cold start)"
			: "Task model: version " + st.modelVersion() + " (" + st.device()
				.toUpperCase(Locale.ROOT) + ")");
		time.setText(Double.isNaN(st.secondsPerAccepted())
			? "Time: no accepted patch yet"
			: String.format(Locale.ROOT, "Time: %.1f s per accepted patch", st
				.secondsPerAccepted()));
		tool.setText("Tool: " + s.tool().key() + ", brush radius " + s
			.brushRadius());
		task.setText(st.task().isEmpty() ? "Idle" : st.task());
		cancel.setEnabled(!st.task().isEmpty());
		retrain.setEnabled(st.task().isEmpty());
		suggest.setEnabled(st.task().isEmpty());
	}

	void showSuggestions(final List<AnnotatedSuggestion> rows, final int current) {
		list.removeAll();
		for (final AnnotatedSuggestion r : rows) {
			final StreamScores sc = r.scores();
			list.add(String.format(Locale.ROOT, "%2d %5d %3d %s %s %s %s", r.number(),
				r.patch().id(), r.patch().z(), num(sc.combined()), num(sc.entropy()),
				num(sc.typicality()), r.state().key()));
		}
		if (current >= 0 && current < rows.size()) {
			list.select(current);
			list.makeVisible(current);
		}
	}

	void message(final String text, final boolean error) {
		message.setForeground(error ? Color.RED.darker() : Color.DARK_GRAY);
		message.setText(text);
	}

	void legend(final String name, final double min, final double max,
		final AnnotationLayers colours, final String note)
	{
		legend.set(name, min, max, colours, note);
	}

	private static String num(final Double v) {
		return v == null || v.isNaN() ? "   -  " : String.format(Locale.ROOT,
			"%6.3f", v);
	}

	private static Label header(final String text) {
		final Label l = new Label(text);
		l.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
		return l;
	}

	private static Panel row(final java.awt.Component a,
		final java.awt.Component b)
	{
		final Panel p = new Panel(new BorderLayout(4, 0));
		p.add(a, BorderLayout.WEST);
		p.add(b, BorderLayout.CENTER);
		return p;
	}

	/** The heatmap's LUT bar with the range and the layer's name. */
	private static final class Legend extends Canvas {

		private String name = "", note = "";
		private double min, max;
		private AnnotationLayers colours;

		Legend() {
			setPreferredSize(new Dimension(360, 34));
		}

		void set(final String n, final double lo, final double hi,
			final AnnotationLayers c, final String nt)
		{
			name = n;
			min = lo;
			max = hi;
			colours = c;
			note = nt;
			repaint();
		}

		@Override
		public void paint(final Graphics g) {
			final int w = getWidth() - 20;
			if (colours != null && note.isEmpty()) for (int x = 0; x < w; x++) {
				g.setColor(new Color(colours.color((double) x / (w - 1))));
				g.drawLine(10 + x, 2, 10 + x, 14);
			}
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
			if (!note.isEmpty()) {
				g.drawString(name + ": " + note, 10, 12);
				return;
			}
			g.drawString(String.format(Locale.ROOT, "%.3g", min), 10, 28);
			final String hi = String.format(Locale.ROOT, "%.3g", max);
			g.drawString(hi, 10 + w - g.getFontMetrics().stringWidth(hi), 28);
			final int nw = g.getFontMetrics().stringWidth(name);
			g.drawString(name, 10 + (w - nw) / 2, 28);
		}
	}
}
