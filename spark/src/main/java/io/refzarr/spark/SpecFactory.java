package io.refzarr.spark;

import io.refzarr.combine.CombineSpec;
import java.io.Serializable;

/**
 * Makes the combine's spec where it is needed: a {@link CombineSpec} holds functions and executors
 * that do not travel, so each executor builds its own from this (serialized) factory, and the
 * driver adds its progress listener. Relative targets resolve against the spec's {@code targets()}
 * root on every machine: give an absolute root (or absolute inputs) when executors do not share the
 * driver's working directory.
 */
@FunctionalInterface
public interface SpecFactory extends Serializable {
  /** A new builder with the combine's settings. */
  CombineSpec.Builder builder();
}
