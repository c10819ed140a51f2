/**
 * Acquisition strategies: which unlabelled patches to annotate next.
 * <p>
 * Strategies work on plain arrays gathered in an
 * {@link io.github.twostream.acquisition.AcquisitionContext} (stream A
 * uncertainty and supervised embedding, stream B embedding, typicality and
 * novelty), so they need neither TensorFlow nor a project store. Each is a
 * SciJava plugin of type
 * {@link io.github.twostream.acquisition.AcquisitionStrategy};
 * {@link io.github.twostream.acquisition.Strategies} finds them by name. The
 * default is {@code two-stream}.
 * </p>
 */
package io.github.twostream.acquisition;
