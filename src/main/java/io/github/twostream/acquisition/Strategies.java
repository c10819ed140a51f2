package io.github.twostream.acquisition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.scijava.InstantiableException;
import org.scijava.plugin.PluginIndex;
import org.scijava.plugin.PluginInfo;

import io.github.twostream.util.BadArgumentException;
import io.github.twostream.util.UserException;

/**
 * Finds the {@link AcquisitionStrategy} plugins on the class path.
 * <p>
 * NB: uses a bare {@link PluginIndex} (no SciJava Context), so the CLI and
 * tests need no application context; in Fiji the same annotation index
 * ({@code META-INF/json/org.scijava.plugin.Plugin}) is read.
 * </p>
 */
public final class Strategies {

	/** The strategy used when none is named. */
	public static final String DEFAULT = "two-stream";

	private Strategies() {}

	/** A fresh instance of every strategy, in plugin priority order. */
	public static List<AcquisitionStrategy> all() {
		final List<AcquisitionStrategy> out = new ArrayList<>();
		for (final PluginInfo<AcquisitionStrategy> info : infos())
			out.add(instantiate(info));
		return out;
	}

	/** The names of all strategies, in plugin priority order. */
	public static List<String> names() {
		return infos().stream().map(PluginInfo::getName).collect(Collectors
			.toList());
	}

	/**
	 * The names of the strategies the product offers (all but the
	 * simulation-only baselines that read ground truth), in priority order.
	 */
	public static List<String> productNames() {
		return all().stream().filter(s -> !s.needsGroundTruth()).map(
			AcquisitionStrategy::name).collect(Collectors.toList());
	}

	/**
	 * A strategy the product can run on a project: as {@link #byName}, but a
	 * simulation-only baseline is refused with a one-line explanation.
	 */
	public static AcquisitionStrategy forProduct(final String name) {
		final AcquisitionStrategy s = byName(name);
		if (s.needsGroundTruth()) throw new BadArgumentException("Strategy '" + name +
			"' reads the ground truth: it is a simulation-only baseline",
			"use it with 'twostream simulate'; to suggest patches use one of: " +
				String.join(", ", productNames()));
		return s;
	}

	/**
	 * A fresh instance of the strategy called {@code name}.
	 *
	 * @throws UserException if there is none, listing the valid names
	 */
	public static AcquisitionStrategy byName(final String name) {
		for (final PluginInfo<AcquisitionStrategy> info : infos())
			if (info.getName().equals(name)) return instantiate(info);
		throw new BadArgumentException("Unknown acquisition strategy '" + name + "'",
			"use one of: " + String.join(", ", names()));
	}

	private static List<PluginInfo<AcquisitionStrategy>> infos() {
		final PluginIndex index = new PluginIndex();
		index.discover();
		return index.getPlugins(AcquisitionStrategy.class);
	}

	private static AcquisitionStrategy instantiate(
		final PluginInfo<AcquisitionStrategy> info)
	{
		try {
			return info.createInstance();
		}
		catch (final InstantiableException e) {
			throw new IllegalStateException("Cannot create strategy " + info
				.getName(), e);
		}
	}
}
