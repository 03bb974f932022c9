/**
 * refzarr on Apache Spark: simple parallel ({@link io.refzarr.spark.SparkScanAll}: every input
 * scanned on the executors to its own reference set) and scan-and-combine ({@link
 * io.refzarr.spark.SparkScanCombine}: inputs scanned and folded into partial layouts on the
 * executors, merged as a {@code treeReduce}, written on the driver). Spark is a {@code provided}
 * dependency: the cluster, {@code spark-submit} or the CLI built with {@code -Pspark} brings it.
 * The combine itself is {@link io.refzarr.combine.CombinePlanner}, the code the single-machine
 * combine runs, so both engines write identical references.
 */
package io.refzarr.spark;
