package io.refzarr.nio;

import io.refzarr.source.ByteRange;
import io.refzarr.source.RangeReads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads many keys in one call: inline keys from memory, the others as one batch of ranges (coalesced per
 * target, fetched concurrently, shared through the block cache). Keys that the set does not have are left
 * out of the result, so Zarr readers can apply the fill value; a key whose target fails throws
 * {@link io.refzarr.source.ReferenceNotReachableException} naming the key.
 */
final class MultiKeyRead {
  /** A key's content: inline bytes, or a target range. */
  record Source(byte[] inline, TargetContent target) {}

  /** Finds a key's content, empty for a missing key. */
  interface Lookup {
    Optional<Source> find(String key) throws IOException;
  }

  private final Lookup lookup;
  private final RangeReads reads;

  MultiKeyRead(Lookup lookup, RangeReads reads) {
    this.lookup = lookup;
    this.reads = reads;
  }

  Map<String, byte[]> read(Iterable<String> keys) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    List<String> remoteKeys = new ArrayList<>();
    List<TargetContent> contents = new ArrayList<>();
    List<ByteRange> ranges = new ArrayList<>();
    for (String key : keys) {
      if (out.containsKey(key)) {
        continue;
      }
      Optional<Source> src = lookup.find(key);
      if (src.isEmpty()) {
        continue;
      }
      out.put(key, src.get().inline());
      if (src.get().target() != null) {
        remoteKeys.add(key);
        contents.add(src.get().target());
        ranges.add(src.get().target().range());
      }
    }
    List<CompletableFuture<byte[]>> futures = reads.readAll(ranges);
    for (int i = 0; i < futures.size(); i++) {
      out.put(remoteKeys.get(i), join(futures.get(i), contents.get(i), ranges.get(i)));
    }
    return out;
  }

  private static byte[] join(CompletableFuture<byte[]> f, TargetContent content, ByteRange range)
      throws IOException {
    try {
      return RangeReads.join(f);
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw content.failure(e, range.length());
    }
  }
}
