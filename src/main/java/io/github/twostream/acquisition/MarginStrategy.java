package io.github.twostream.acquisition;

import org.scijava.plugin.Plugin;

/** Smallest mean foreground/background margin of the task model (stream A); falls back to stream B without a task model. */
@Plugin(type = AcquisitionStrategy.class, name = MarginStrategy.NAME)
public class MarginStrategy extends ScoreStrategy {

	public static final String NAME = "margin";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Smallest mean foreground/background margin of the task model (stream A)";
	}

	@Override
	protected double[] score(final AcquisitionContext ctx) {
		return ctx.margin();
	}
}
