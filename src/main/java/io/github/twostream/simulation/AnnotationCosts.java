package io.github.twostream.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.twostream.store.LabelKind;
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
		final int size = project.gridSpec().patchSize();
		final List<Integer> outlines = new ArrayList<>();
		final List<Double> seconds = new ArrayList<>();
		for (final Map.Entry<Integer, Double> e : project.annotationLog()
			.allSeconds().entrySet())
		{
			// NB: a dense mask holds only 0 and 1 (Masks.validate), the form
			// CostModel.boundaryPixels counts
			project.labels().get(e.getKey()).filter(l -> l
				.kind() == LabelKind.DENSE).ifPresent(l -> {
					outlines.add(CostModel.boundaryPixels(l.mask(), size, size));
					seconds.add(e.getValue());
				});
		}
		return CostModel.fit(outlines.stream().mapToInt(Integer::intValue)
			.toArray(), seconds.stream().mapToDouble(Double::doubleValue).toArray());
	}

	/**
	 * The fit as the lines {@code cost-model} prints (and the Fiji command
	 * logs), beside the simulation's assumed {@link CostModel#DEFAULT}.
	 */
	public static String describe(final CostModel.Fit fit) {
		final CostModel d = CostModel.DEFAULT;
		return String.format(Locale.ROOT, "timed patches:   %d (densely labelled)%n" +
			"median:          %.1f s per patch%n" +
			"fitted:          %.2f s per patch + %.4f s per outline pixel " +
			"(R^2 %.2f)%n" +
			"simulation uses: %.2f s per patch + %.4f s per outline pixel " +
			"(assumed, CostModel.DEFAULT)%n", fit.patches(), fit.medianSeconds(), fit
				.model().base(), fit.model().perBoundaryPixel(), fit.r2(), d.base(), d
					.perBoundaryPixel());
	}
}
