package io.refzarr.ops;

import io.refzarr.internal.concurrent.Futures;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * kerchunk's {@code do_inline}: every range shorter than the threshold, and every whole target of a
 * metadata key ({@code .z*}), becomes inline bytes. The ranges to embed are collected in batches
 * and each batch is fetched with the reader's multi-key read (coalesced per target, concurrent), so
 * a remote set costs a few large requests instead of one per key. Up to {@link #IN_FLIGHT} batches
 * are fetched at once, on a pool of this run's own, so the requests of one batch do not wait for
 * the last response of the one before; the output is written on the calling thread in the order a
 * one-batch-at-a-time run writes it (keys that pass through wait behind the batch fetched before
 * them), and memory stays bounded by the batches in flight.
 */
final class Inliner {
  /** Keys per batch: enough for the coalescing to merge neighbours, few enough to bound memory. */
  static final int BATCH_KEYS = 4096;

  /** Bytes per batch, whatever the threshold. */
  static final long BATCH_BYTES = 16L << 20;

  /** Batches fetched at once (at most 64 MiB of fetched bytes held). */
  static final int IN_FLIGHT = 4;

  /** A fetched batch, then the keys that came after it and pass through unchanged. */
  private record Segment(
      CompletableFuture<Map<String, byte[]>> fetched, List<Map.Entry<String, Reference>> after) {}

  private final long threshold;
  private final ReferenceReader reader;
  private final ReferenceSink sink;
  private final Deque<Segment> pending = new ArrayDeque<>();
  private Map<String, Reference> batch = new LinkedHashMap<>();
  private long batchBytes;
  private int waiting; // keys held in the segments' after lists
  private ExecutorService pool;
  private long keys;
  private long inlined;
  private long bytes;

  Inliner(long threshold, ReferenceReader reader, ReferenceSink sink) {
    if (threshold < 0) {
      throw new IllegalArgumentException("negative threshold " + threshold);
    }
    this.threshold = threshold;
    this.reader = reader;
    this.sink = sink;
  }

  Summary run(ReferenceSet set) throws IOException {
    pool = Futures.newPool("refzarr-inline", IN_FLIGHT);
    try {
      KeyWalk.forEach(set, this::accept);
      submit();
      while (!pending.isEmpty()) {
        writeHead();
      }
    } finally {
      Futures.cancelAll(pending.stream().map(Segment::fetched).toList());
      pool.shutdown(); // not shutdownNow: an interrupt would close FileChannels the reader shares
    }
    return new Summary(keys, inlined, bytes);
  }

  private void accept(String key, Reference ref) throws IOException {
    keys++;
    if (!embeds(key, ref)) {
      if (pending.isEmpty()) {
        sink.put(key, ref);
      } else {
        pending.peekLast().after().add(Map.entry(key, ref));
        if (++waiting >= BATCH_KEYS * IN_FLIGHT) {
          writeHead();
        }
      }
      return;
    }
    batch.put(key, ref);
    batchBytes += Math.max(ref.length(), 0);
    if (batch.size() >= BATCH_KEYS || batchBytes >= BATCH_BYTES) {
      submit();
    }
  }

  private boolean embeds(String key, Reference ref) {
    if (ref instanceof Reference.Range r) {
      return r.length() < threshold;
    }
    return ref instanceof Reference.Whole && ZarrKeys.name(key).startsWith(".z");
  }

  /** Starts fetching the batch collected so far, first writing what is done or too much. */
  private void submit() throws IOException {
    while (!pending.isEmpty()
        && (pending.size() >= IN_FLIGHT || pending.peekFirst().fetched().isDone())) {
      writeHead();
    }
    if (batch.isEmpty()) {
      return;
    }
    Map<String, Reference> fetch = batch;
    batch = new LinkedHashMap<>();
    batchBytes = 0;
    pending.addLast(
        new Segment(Futures.supplyAsync(() -> reader.read(fetch), pool), new ArrayList<>()));
  }

  /** Waits for the oldest batch and writes it, then the keys that came after it. */
  private void writeHead() throws IOException {
    Segment s = pending.peekFirst();
    Map<String, byte[]> fetched = Futures.get(s.fetched());
    pending.removeFirst();
    for (Map.Entry<String, byte[]> e : fetched.entrySet()) {
      sink.put(e.getKey(), Reference.inline(e.getValue()));
      inlined++;
      bytes += e.getValue().length;
    }
    for (Map.Entry<String, Reference> e : s.after()) {
      sink.put(e.getKey(), e.getValue());
    }
    waiting -= s.after().size();
  }
}
