package io.refzarr.combine;

import java.io.IOException;

/**
 * Computes an input's coordinate value(s) along one dimension: a number, a string, or a list or
 * array of them. kerchunk's callable {@code coo_map} entry.
 */
@FunctionalInterface
public interface CoordinateFunction {
  Object apply(InputView input) throws IOException;
}
