package io.refzarr.scan.hdf5;

import java.util.List;
import java.util.Map;

/**
 * How a dataset's HDF5 filter pipeline reads as Zarr.
 *
 * @param codecs numcodecs configs in pipeline (encoding) order, for the {@code .zarray} {@code
 *     filters}
 * @param fletcherIndex the pipeline index of a trailing Fletcher-32 filter whose 4-byte checksum is
 *     cut off each chunk's range, or -1
 * @param unsupported names of filters that have no numcodecs equivalent (empty when all map)
 * @param pipelineLength the number of filters in the HDF5 pipeline (for filter masks)
 */
record FilterPlan(
    List<Map<String, Object>> codecs,
    int fletcherIndex,
    List<String> unsupported,
    int pipelineLength) {

  static final FilterPlan NONE = new FilterPlan(List.of(), -1, List.of(), 0);

  FilterPlan {
    codecs = List.copyOf(codecs);
    unsupported = List.copyOf(unsupported);
  }

  boolean supported() {
    return unsupported.isEmpty();
  }

  /**
   * How many trailing checksum bytes a chunk with this filter mask carries (bit i set: filter i was
   * skipped for the chunk).
   */
  int checksumBytes(int filterMask) {
    return fletcherIndex >= 0 && (filterMask & (1 << fletcherIndex)) == 0 ? 4 : 0;
  }

  /** Whether a chunk with this mask went through every filter that is kept as a codec. */
  boolean fullyFiltered(int filterMask) {
    int codecBits = ((1 << pipelineLength) - 1) & ~(fletcherIndex >= 0 ? 1 << fletcherIndex : 0);
    return (filterMask & codecBits) == 0;
  }
}
