package io.refzarr.ops;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * kerchunk's {@code do_inline}: every range shorter than the threshold, and every whole target of a
 * metadata key ({@code .z*}), becomes inline bytes. The ranges to embed are collected in batches
 * and each batch is fetched with the reader's multi-key read (coalesced per target, concurrent), so
 * a remote set costs a few large requests instead of one per key, and memory stays bounded by the
 * batch.
 */
final class Inliner {
  /** Keys per batch: enough for the coalescing to merge neighbours, few enough to bound memory. */
  static final int BATCH_KEYS = 4096;

  /** Bytes per batch, whatever the threshold. */
  static final long BATCH_BYTES = 64L << 20;

  private final long threshold;
  private final ReferenceReader reader;
  private final ReferenceSink sink;
  private final Map<String, Reference> batch = new LinkedHashMap<>();
  private long batchBytes;
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
    KeyWalk.forEach(set, this::accept);
    flush();
    return new Summary(keys, inlined, bytes);
  }

  private void accept(String key, Reference ref) throws IOException {
    keys++;
    if (!embeds(key, ref)) {
      sink.put(key, ref);
      return;
    }
    batch.put(key, ref);
    batchBytes += Math.max(ref.length(), 0);
    if (batch.size() >= BATCH_KEYS || batchBytes >= BATCH_BYTES) {
      flush();
    }
  }

  private boolean embeds(String key, Reference ref) {
    if (ref instanceof Reference.Range r) {
      return r.length() < threshold;
    }
    return ref instanceof Reference.Whole && ZarrKeys.name(key).startsWith(".z");
  }

  private void flush() throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    for (Map.Entry<String, byte[]> e : reader.read(batch).entrySet()) {
      sink.put(e.getKey(), Reference.inline(e.getValue()));
      inlined++;
      bytes += e.getValue().length;
    }
    batch.clear();
    batchBytes = 0;
  }
}
