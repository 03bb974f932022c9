package io.refzarr.cli;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ChunkGrid;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Passes references on to another sink and reports how many there are on stderr, at most twice a
 * second (one line, rewritten in place), so a long scan shows it is moving. {@link #finish()} ends
 * the line.
 */
final class ProgressSink implements ReferenceSink {
  private static final long INTERVAL_NANOS = 500_000_000L;
  private final long interval;
  private final ReferenceSink delegate;
  private final PrintWriter err;
  private final String what;
  private final long start = System.nanoTime();
  private long next;
  private long count;
  private boolean shown;

  ProgressSink(ReferenceSink delegate, PrintWriter err, String what) {
    this(delegate, err, what, INTERVAL_NANOS);
  }

  /** With a chosen interval between reports (tests). */
  ProgressSink(ReferenceSink delegate, PrintWriter err, String what, long intervalNanos) {
    this.delegate = delegate;
    this.err = err;
    this.what = what;
    this.interval = intervalNanos;
    this.next = start + intervalNanos;
  }

  @Override
  public void put(String key, Reference ref) throws IOException {
    delegate.put(key, ref);
    counted();
  }

  /** Forwarded as a chunk, so the delegate keeps its fast path (no key built and parsed again). */
  @Override
  public void putChunk(String array, long[] index, Reference ref) throws IOException {
    delegate.putChunk(array, index, ref);
    counted();
  }

  @Override
  public void expectChunks(String array, ChunkGrid grid) throws IOException {
    delegate.expectChunks(array, grid);
  }

  private void counted() {
    count++;
    if ((count & 1023) == 0 && System.nanoTime() >= next) {
      show();
      next = System.nanoTime() + interval;
    }
  }

  private void show() {
    double seconds = (System.nanoTime() - start) / 1e9;
    err.printf("\rrefzarr: scanning %s: %,d references (%.1f s)", what, count, seconds);
    err.flush();
    shown = true;
  }

  /** Prints the final count (if progress was shown at all) and ends the line. */
  void finish() {
    if (shown) {
      show();
      err.println();
      err.flush();
    }
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
