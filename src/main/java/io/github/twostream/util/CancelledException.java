package io.github.twostream.util;

/** Thrown by long work when the user cancels it; state stays consistent. */
public class CancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("Cancelled by the user");
	}
}
