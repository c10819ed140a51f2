package io.github.twostream.annotation;

import java.util.List;
import java.util.stream.Collectors;

import io.github.twostream.util.UserException;

/**
 * A save refused because the patch's stored label changed since the session
 * read it (another window, {@code twostream label}, another program): nothing
 * of it was written and the session now shows the stored pixels again.
 */
public final class ChangedElsewhereException extends UserException {

	private static final long serialVersionUID = 1L;

	private final List<Integer> patchIds;

	/**
	 * @param what what was not saved ("stroke", "accept", "undo", ...)
	 */
	public ChangedElsewhereException(final List<Integer> patchIds,
		final String what)
	{
		super((patchIds.size() == 1 ? "Patch " : "Patches ") + patchIds.stream()
			.map(String::valueOf).collect(Collectors.joining(", ")) + (patchIds
				.size() == 1 ? " was" : " were") +
			" changed elsewhere (another window or 'twostream label') and reloaded; your " +
			what + " there was not saved", "look at the reloaded labels and repeat it if still needed");
		this.patchIds = List.copyOf(patchIds);
	}

	/** The refused patches. */
	public List<Integer> patchIds() {
		return patchIds;
	}
}
