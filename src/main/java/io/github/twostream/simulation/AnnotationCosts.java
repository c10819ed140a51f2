package io.github.twostream.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.twostream.store.LabelKind;
import io.github.twostream.store.Masks;
import io.github.twostream.store.PatchLabel;
import io.github.twostream.store.Project;

/**
 * The annotation cost of a project, measured: the {@link CostModel} fitted to
 * the seconds the annotation view recorded per accepted patch against the
 * outline of the label painted there, so the simulation's annotation minutes
 * can rest on an expert's real pace instead of {@link CostModel#DEFAULT}.
 * <p>
 * Only dense labels count: a scribble's outline is not the object's.
 * </p>
 */
public final class AnnotationCosts {

	private AnnotationCosts() {}

	/** Fits the cost model to the project's timed, densely labelled patches. */
	public static CostModel.Fit measure(final Project project) {
		final List<int[]> rows = new ArrayList<>();
		final List<Double> secs = new ArrayList<>();
		for (final Map.Entry<Integer, Double> e : project.annotationLog()
			.allSeconds().entrySet())
		{
			final var label = project.labels().get(e.getKey()).filter(
				l -> l.kind() == LabelKind.DENSE);
			if (label.isEmpty()) continue;
			rows.add(new int[] { outline(label.get(), project.gridSpec()
				.patchSize()) });
			secs.add(e.getValue());
		}
		final int[] b = rows.stream().mapToInt(r -> r[0]).toArray();
		return CostModel.fit(b, secs.stream().mapToDouble(Double::doubleValue)
			.toArray());
	}

	/** Outline pixels of the foreground of a {@code size x size} label. */
	static int outline(final PatchLabel label, final int size) {
		final byte[] fg = new byte[label.mask().length];
		for (int i = 0; i < fg.length; i++)
			fg[i] = label.mask()[i] == Masks.FOREGROUND ? (byte) 1 : 0;
		return CostModel.boundaryPixels(fg, size, size);
	}
}
