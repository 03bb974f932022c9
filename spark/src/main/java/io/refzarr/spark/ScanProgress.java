package io.refzarr.spark;

import io.refzarr.combine.ProgressListener;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;

/**
 * The driver's report of inputs scanned: after each finished task, the count the executors have
 * added to the accumulator (the scheduler merges a task's updates before it announces its end).
 */
final class ScanProgress extends SparkListener {
  private final LongAccumulator scanned;
  private final int total;
  private final ProgressListener listener;
  private long reported;

  ScanProgress(LongAccumulator scanned, int total, ProgressListener listener) {
    this.scanned = scanned;
    this.total = total;
    this.listener = listener;
  }

  /** Reports the count when it has grown (the merge stages' tasks end too, and scan nothing). */
  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    long now = Math.min(total, scanned.value());
    if (now > reported) {
      reported = now;
      listener.progress(ProgressListener.Phase.COORDINATES, (int) now, total);
    }
  }
}
