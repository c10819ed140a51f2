package io.github.twostream.annotation;

import io.github.twostream.loop.StructureStage;
import io.github.twostream.loop.SuggestSettings;
import io.github.twostream.loop.ProjectSession;
import io.github.twostream.model.ModelPreset;
import io.github.twostream.util.UserException;

/**
 * Settings of an annotation session.
 *
 * @param suggest settings of each new round ("Suggest next")
 * @param model the task model's preset for retraining (as {@code train
 *          --preset})
 * @param trainSteps steps per retraining (0: the preset's budget)
 * @param threshold foreground probability at which prefill paints foreground
 * @param idleSeconds longest pause counted as active annotation time
 */
public record AnnotationSettings(SuggestSettings suggest, ModelPreset model,
	int trainSteps, double threshold, double idleSeconds)
{

	public AnnotationSettings {
		if (trainSteps < 0) throw new UserException("train steps = " + trainSteps,
			"use 0 (the preset's budget, the default) or more steps");
		if (!(threshold > 0 && threshold < 1)) throw new UserException(
			"prefill threshold = " + threshold, "use a probability between 0 and 1");
	}

	/**
	 * Defaults for a project: 16 suggestions per round with its current encoder,
	 * the {@code fast} preset and its budget's steps (0), as {@code train};
	 * threshold 0.5, pauses over 30 s not counted.
	 */
	public static AnnotationSettings defaults(final ProjectSession s) {
		final int patch = s.grid().patchSize();
		return new AnnotationSettings(SuggestSettings.defaults(patch).withEncoder(
			StructureStage.configFor(s)), ModelPreset.fast(patch), 0, 0.5, 30);
	}

	public AnnotationSettings withTrainSteps(final int steps) {
		return new AnnotationSettings(suggest, model, steps, threshold,
			idleSeconds);
	}

	public AnnotationSettings withSuggest(final SuggestSettings s) {
		return new AnnotationSettings(s, model, trainSteps, threshold, idleSeconds);
	}

	public AnnotationSettings withModel(final ModelPreset m) {
		return new AnnotationSettings(suggest, m, trainSteps, threshold,
			idleSeconds);
	}

	/** The same with the preset called {@code name} ({@code fast}, {@code accurate}). */
	public AnnotationSettings withPreset(final String name) {
		return withModel(ModelPreset.named(name, model.unet().patchSize()));
	}
}
