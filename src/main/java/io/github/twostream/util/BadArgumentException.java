package io.github.twostream.util;

/**
 * A {@link UserException} caused by a bad argument (a value out of range, a
 * nonsense combination), as opposed to bad input data or project state.
 * <p>
 * NB: the CLI exits with 2 for it (like picocli's own parameter errors) and
 * with 1 for every other {@code UserException}.
 * </p>
 */
public class BadArgumentException extends UserException {

	private static final long serialVersionUID = 1L;

	public BadArgumentException(final String problem, final String fix) {
		super(problem, fix);
	}

	/** Refuses {@code value} below {@code min}: "NAME must be >= MIN (got V)". */
	public static int atLeast(final String name, final int value, final int min) {
		if (value < min) throw new BadArgumentException(name + " must be at least " +
			min + " (got " + value + ")", "give " + name + " " + min + " or more");
		return value;
	}
}
