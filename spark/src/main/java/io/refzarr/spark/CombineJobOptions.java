package io.refzarr.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link SparkScanCombine} spreads the work.
 *
 * @param partitions input partitions (tasks of the first pass); 0 for four per default-parallelism
 *     slot, never more than the inputs
 * @param treeDepth depth of the {@code treeReduce} that merges the partial layouts (2 or more)
 * @param batchSize inputs folded into one partial layout inside a partition before it is merged
 * @param scan how inputs are scanned, and what a failed input does
 */
public record CombineJobOptions(int partitions, int treeDepth, int batchSize, ScanSettings scan)
    implements Serializable {

  public static final CombineJobOptions DEFAULT =
      new CombineJobOptions(0, 2, 64, ScanSettings.DEFAULT);

  public CombineJobOptions {
    if (partitions < 0 || treeDepth < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "partitions >= 0, treeDepth >= 1 and batchSize >= 1, got "
              + partitions
              + ", "
              + treeDepth
              + ", "
              + batchSize);
    }
    Objects.requireNonNull(scan, "scan");
  }

  public CombineJobOptions withPartitions(int n) {
    return new CombineJobOptions(n, treeDepth, batchSize, scan);
  }

  public CombineJobOptions withTreeDepth(int d) {
    return new CombineJobOptions(partitions, d, batchSize, scan);
  }

  public CombineJobOptions withBatchSize(int n) {
    return new CombineJobOptions(partitions, treeDepth, n, scan);
  }

  public CombineJobOptions withScan(ScanSettings s) {
    return new CombineJobOptions(partitions, treeDepth, batchSize, s);
  }

  int partitionsFor(int inputs, int defaultParallelism) {
    int wanted = partitions > 0 ? partitions : 4 * Math.max(1, defaultParallelism);
    return Math.max(1, Math.min(inputs, wanted));
  }
}
