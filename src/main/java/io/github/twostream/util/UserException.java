package io.github.twostream.util;

/**
 * A problem the user can fix: bad input, a moved image, a read-only folder.
 * <p>
 * Its message is one line that names the problem and the fix; front ends
 * (CLI, Fiji commands, macros) print it as it is, never with a stack trace.
 * </p>
 */
public class UserException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UserException(final String problem, final String fix) {
		super(fix == null || fix.isEmpty() ? problem : problem + " -- " + fix);
	}

	public UserException(final String problem, final String fix,
		final Throwable cause)
	{
		super(fix == null || fix.isEmpty() ? problem : problem + " -- " + fix,
			cause);
	}
}
