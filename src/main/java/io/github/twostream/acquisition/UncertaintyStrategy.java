package io.github.twostream.acquisition;

import org.scijava.plugin.Plugin;

/** Highest mean pixel entropy of the task model (stream A); falls back to stream B without a task model. */
@Plugin(type = AcquisitionStrategy.class, name = UncertaintyStrategy.NAME)
public class UncertaintyStrategy extends ScoreStrategy {

	public static final String NAME = "uncertainty";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Highest mean pixel entropy of the task model (stream A)";
	}

	@Override
	protected double[] score(final AcquisitionContext ctx) {
		return ctx.entropy();
	}
}
