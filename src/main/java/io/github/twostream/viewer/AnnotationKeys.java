package io.github.twostream.viewer;

import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.Optional;

import io.github.twostream.annotation.AnnotationSession;
import io.github.twostream.annotation.Tool;

/**
 * The fixed keys of the annotation view (macros, tests and muscle memory rely
 * on them) and what each does, for any {@link AnnotationView}.
 */
public final class AnnotationKeys {

	/** What a key does. */
	public enum Action {
			NEXT("n", "next suggestion"), PREVIOUS("p", "previous suggestion"),
			BRUSH("1", "brush (foreground)"), ERASER("2", "eraser (background)"),
			FILL("3", "flood fill in the patch"), SMALLER("[", "smaller brush"),
			LARGER("]", "larger brush"), PREFILL("m",
				"fill the patch from the prediction"),
			ACCEPT("Enter", "accept the patch (unpainted = background)"), UNDO(
				"Ctrl+Z", "undo"), REDO("Ctrl+Y", "redo"), HEATMAP("h",
					"next heatmap layer"), PREDICTION("o", "prediction outline on/off"),
			RETRAIN("r", "retrain in the background"), SUGGEST("s",
				"suggest the next round"), HELP("F1", "this help");

		private final String key;
		private final String description;

		Action(final String key, final String description) {
			this.key = key;
			this.description = description;
		}

		public String key() {
			return key;
		}

		public String description() {
			return description;
		}
	}

	private AnnotationKeys() {}

	/** The action of a KEY_PRESSED event, if it is one of ours. */
	public static Optional<Action> of(final KeyEvent e) {
		if (e.getID() != KeyEvent.KEY_PRESSED) return Optional.empty();
		final int mods = e.getModifiersEx() & (InputEvent.CTRL_DOWN_MASK |
			InputEvent.META_DOWN_MASK | InputEvent.ALT_DOWN_MASK);
		final boolean ctrl = (mods & (InputEvent.CTRL_DOWN_MASK |
			InputEvent.META_DOWN_MASK)) != 0;
		if (ctrl && (mods & InputEvent.ALT_DOWN_MASK) == 0) {
			if (e.getKeyCode() == KeyEvent.VK_Z) return Optional.of(Action.UNDO);
			if (e.getKeyCode() == KeyEvent.VK_Y) return Optional.of(Action.REDO);
			return Optional.empty();
		}
		if (mods != 0) return Optional.empty();
		if (e.getKeyCode() == KeyEvent.VK_ENTER) return Optional.of(Action.ACCEPT);
		if (e.getKeyCode() == KeyEvent.VK_F1) return Optional.of(Action.HELP);
		return Optional.ofNullable(switch (Character.toLowerCase(e.getKeyChar())) {
			case 'n' -> Action.NEXT;
			case 'p' -> Action.PREVIOUS;
			case '1' -> Action.BRUSH;
			case '2' -> Action.ERASER;
			case '3' -> Action.FILL;
			case '[' -> Action.SMALLER;
			case ']' -> Action.LARGER;
			case 'm' -> Action.PREFILL;
			case 'h' -> Action.HEATMAP;
			case 'o' -> Action.PREDICTION;
			case 'r' -> Action.RETRAIN;
			case 's' -> Action.SUGGEST;
			default -> null;
		});
	}

	/**
	 * Does the action on the view's session. Never waits: store writes,
	 * training and rounds complete in the background and the view hears of
	 * them through its {@link AnnotationSession.Listener}.
	 */
	public static void perform(final Action a, final AnnotationView view) {
		final AnnotationSession s = view.session();
		switch (a) {
			case NEXT -> s.next();
			case PREVIOUS -> s.previous();
			case BRUSH -> s.setTool(Tool.BRUSH);
			case ERASER -> s.setTool(Tool.ERASER);
			case FILL -> s.setTool(Tool.FILL);
			case SMALLER -> s.setBrushRadius(s.brushRadius() - 1);
			case LARGER -> s.setBrushRadius(s.brushRadius() + 1);
			case PREFILL -> {
				if (s.current().isPresent()) s.prefill();
			}
			case ACCEPT -> {
				if (s.current().isPresent()) s.accept();
			}
			case UNDO -> s.undo();
			case REDO -> s.redo();
			case HEATMAP -> view.setLayer(view.layer().next());
			case PREDICTION -> view.setPredictionVisible(!view.isPredictionVisible());
			case RETRAIN -> {
				if (s.task().isEmpty()) s.retrain();
			}
			case SUGGEST -> {
				if (s.task().isEmpty()) s.suggestNext();
			}
			case HELP -> view.toggleHelp();
		}
	}

	/** One line per key, for the help panel. */
	public static String help() {
		final StringBuilder sb = new StringBuilder();
		for (final Action a : Action.values())
			sb.append(String.format("%-7s %s%n", a.key(), a.description()));
		sb.append("Space+drag pan, Ctrl+wheel or +/- zoom, wheel or slider: slice");
		return sb.toString();
	}
}
