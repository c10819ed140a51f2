package io.github.twostream.store;

import java.util.List;
import java.util.Optional;

/** The trained model versions of a project (files live in {@code models/}). */
public interface Models {

	/** Records a version; returns it with its new id (ignores {@code version.id()}). */
	ModelVersion add(ModelVersion version);

	Optional<ModelVersion> get(long id);

	/** The newest version of the given kind. */
	Optional<ModelVersion> latest(ModelKind kind);

	/** All versions of the given kind, oldest first. */
	List<ModelVersion> all(ModelKind kind);
}
