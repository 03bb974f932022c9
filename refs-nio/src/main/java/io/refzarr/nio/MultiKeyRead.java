package io.refzarr.nio;

import io.refzarr.refs.Reference;
import io.refzarr.source.ByteRange;
import io.refzarr.source.RangeReads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads many keys in one call: inline keys from memory, the others as one batch of ranges
 * (coalesced per target, fetched concurrently, shared through the block cache). Keys that the
 * lookup does not find are left out of the result, so Zarr readers can apply the fill value; a key
 * whose target fails throws {@link io.refzarr.source.ReferenceNotReachableException} naming the
 * key.
 */
final class MultiKeyRead {
  /** Finds a key's reference, empty for a missing key. */
  interface Lookup {
    Optional<? extends Reference> find(String key) throws IOException;
  }

  private final Lookup lookup;
  private final ReferenceReader reader;

  MultiKeyRead(Lookup lookup, ReferenceReader reader) {
    this.lookup = lookup;
    this.reader = reader;
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
      Optional<? extends Reference> ref = lookup.find(key);
      if (ref.isEmpty()) {
        continue;
      }
      if (ref.get() instanceof Reference.Targeted t) {
        TargetContent content = reader.content(key, t);
        out.put(key, null); // keeps the key's place in the order
        remoteKeys.add(key);
        contents.add(content);
        ranges.add(content.range());
      } else {
        out.put(key, ((Reference.Inline) ref.get()).data());
      }
    }
    List<CompletableFuture<byte[]>> futures = reader.reads().readAll(ranges);
    for (int i = 0; i < futures.size(); i++) {
      out.put(remoteKeys.get(i), join(futures.get(i), contents.get(i), ranges.get(i)));
    }
    return out;
  }

  private static byte[] join(CompletableFuture<byte[]> f, TargetContent content, ByteRange range)
      throws IOException {
    try {
      return RangeReads.join(f);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw content.failure(e, range.length());
    }
  }
}
