/**
 * Small numeric helpers with no suitable well-kept library: k-means and
 * Euclidean distances on {@code float[][]}.
 */
package io.github.twostream.math;
