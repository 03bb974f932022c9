package io.refzarr.bridge;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the tiles of parallel workers one at a time, for sinks whose writes serialise anyway
 * (positional writes to one file take the file's lock in the kernel): a worker that finds another
 * writing leaves its tile in a queue for that writer and goes on reading, instead of spinning on
 * the file's lock. A worker that finds the writer idle writes, its own tile and any others queued.
 * At most {@code maxQueued} tiles wait; past that a worker waits to write them itself, so memory
 * stays bounded when writing is slower than reading.
 */
final class TileWriter {
  /** A tile ready to be written, and what to do with its buffer afterwards. */
  interface Tile {
    void writeTo(TiledRead.Sink sink) throws IOException;

    /** Called once the tile is written, or writing it failed. */
    void release();
  }

  private final TiledRead.Sink sink;
  private final int maxQueued;
  private final ConcurrentLinkedQueue<Tile> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final ReentrantLock writing = new ReentrantLock();

  TileWriter(TiledRead.Sink sink, int maxQueued) {
    this.sink = sink;
    this.maxQueued = maxQueued;
  }

  /** Writes {@code tile} now or leaves it to the worker writing: written by the end of the loop. */
  void write(Tile tile) throws IOException {
    queue.add(tile);
    if (queued.incrementAndGet() > maxQueued) {
      writing.lock();
      drainHeld();
    }
    // the writer may have finished between our queueing and its last look at the queue
    while (!queue.isEmpty() && writing.tryLock()) {
      drainHeld();
    }
  }

  private void drainHeld() throws IOException {
    try {
      Tile t;
      while ((t = queue.poll()) != null) {
        queued.decrementAndGet();
        try {
          t.writeTo(sink);
        } finally {
          t.release();
        }
      }
    } finally {
      writing.unlock();
    }
  }
}
