/**
 * The crash-safe project store: one SQLite database ({@code project.db}, WAL,
 * synchronous=FULL, foreign keys) per project folder, plus {@code models/}.
 * <p>
 * {@link io.github.twostream.store.Project} creates and opens projects and
 * hands out the {@link io.github.twostream.store.Labels} (with undo/redo),
 * {@link io.github.twostream.store.Queries},
 * {@link io.github.twostream.store.Models} and
 * {@link io.github.twostream.store.Embeddings} views of its database. The
 * schema is versioned ({@link io.github.twostream.store.Migrations}); files
 * beside the database are written with
 * {@link io.github.twostream.util.AtomicFiles}.
 * </p>
 */
package io.github.twostream.store;
