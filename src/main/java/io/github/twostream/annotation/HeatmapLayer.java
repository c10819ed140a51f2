package io.github.twostream.annotation;

/** The score a heatmap shows over the EM (key h cycles through them). */
public enum HeatmapLayer {
		/** The two-stream score the suggestions were ranked by. */
		COMBINED("combined score"),
		/** Stream A alone: the task model's mean pixel entropy per patch. */
		STREAM_A("stream A: model uncertainty"),
		/** Stream B alone: typicality in the structure encoder's space. */
		STREAM_B("stream B: typicality"),
		/** Per-pixel entropy of the last prediction of the task model. */
		PIXEL_ENTROPY("pixel entropy of the prediction");

	private final String label;

	HeatmapLayer(final String label) {
		this.label = label;
	}

	/** What the legend calls it. */
	public String label() {
		return label;
	}

	/** The layer after this one, wrapping around. */
	public HeatmapLayer next() {
		return values()[(ordinal() + 1) % values().length];
	}
}
