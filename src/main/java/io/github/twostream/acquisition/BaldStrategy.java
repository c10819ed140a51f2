package io.github.twostream.acquisition;

import org.scijava.plugin.Plugin;

/** Highest BALD mutual information under MC dropout (stream A); falls back to stream B without a task model. */
@Plugin(type = AcquisitionStrategy.class, name = BaldStrategy.NAME)
public class BaldStrategy extends ScoreStrategy {

	public static final String NAME = "bald";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Highest BALD mutual information under MC dropout (stream A)";
	}

	@Override
	protected double[] score(final AcquisitionContext ctx) {
		return ctx.bald();
	}

	@Override
	public boolean needsBald() {
		return true;
	}
}
