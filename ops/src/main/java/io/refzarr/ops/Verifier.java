package io.refzarr.ops;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.VerifyReport.ArrayCounts;
import io.refzarr.ops.VerifyReport.Failure;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks every reference of a set against its target: the target exists and the range lies within
 * it (one size request per distinct target), and, when asked, a sample of each array's chunks
 * decodes with the array's codecs to the chunk's size. Counts are kept per array (a chunk key of an
 * array with {@code dimension_separator: "/"} lies below its array's directory) and, for keys in no
 * array, per directory; the targets' sizes are memoized, the references never held.
 */
final class Verifier {
  private static final int MEMO = 1 << 16;

  private final ReferenceSet set;
  private final ReferenceReader reader;
  private final VerifyOptions options;
  private final Consumer<Failure> listener;
  private final Map<String, Object> targets =
      new HashMap<>(); // target -> Long size, or String why not
  private final Map<String, Optional<ChunkSample>> samples = new HashMap<>();
  private final Map<String, long[]> counts =
      new LinkedHashMap<>(); // array or directory -> references, decoded, failed
  private final ArrayPaths paths;
  private final List<Failure> listed = new ArrayList<>();
  private long failures;

  Verifier(
      ReferenceSet set, ReferenceReader reader, VerifyOptions options, Consumer<Failure> listener) {
    this.set = set;
    this.reader = reader;
    this.options = options;
    this.listener = listener;
    this.paths = new ArrayPaths(set);
  }

  VerifyReport run() throws IOException {
    KeyWalk.forEach(set, this::check);
    Map<String, ArrayCounts> arrays = new LinkedHashMap<>();
    counts.forEach((dir, c) -> arrays.put(dir, new ArrayCounts(c[0], c[1], c[2])));
    return new VerifyReport(arrays, failures, listed);
  }

  private void check(String key, Reference ref) throws IOException {
    String group = paths.groupOf(key);
    long[] c = counts.computeIfAbsent(group, d -> new long[3]);
    c[0]++;
    String target = ref instanceof Reference.Targeted t ? t.target() : "";
    String why = ref instanceof Reference.Targeted t ? checkTarget(key, t) : null;
    if (why == null && options.decode()) {
      Optional<ChunkSample> sample = sample(key, group);
      if (sample.isPresent()
          && sample.get().picks(key.substring(group.isEmpty() ? 0 : group.length() + 1))) {
        c[1]++;
        why = decode(key, ref, sample.get());
      }
    }
    if (why != null) {
      c[2]++;
      fail(new Failure(key, target, why));
    }
  }

  /** Why the reference's range is not in its target, or null if it is. */
  private String checkTarget(String key, Reference.Targeted ref) throws IOException {
    Object size = targets.get(ref.target());
    if (size == null) {
      if (targets.size() >= MEMO) {
        targets.clear(); // a set whose every key has its own target: keep memory bounded
      }
      size = targetSize(key, ref.target());
      targets.put(ref.target(), size);
    }
    if (size instanceof String why) {
      return why;
    }
    long s = (Long) size;
    if (ref instanceof Reference.Range r && r.end() > s) {
      return "range ["
          + r.offset()
          + ", +"
          + r.length()
          + ") runs past the end of the target ("
          + s
          + " bytes)";
    }
    return null;
  }

  private Object targetSize(String key, String target) throws IOException {
    try {
      return reader.size(key, Reference.whole(target));
    } catch (ReferenceNotReachableException e) {
      return "target not reachable: " + reason(e);
    }
  }

  /**
   * The decoding sample of the array at {@code dir}, or empty if {@code dir} is no array
   * zarr-bridge reads.
   */
  private Optional<ChunkSample> sample(String key, String dir) throws IOException {
    if (ZarrKeys.isMetadataName(ZarrKeys.name(key))) {
      return Optional.empty();
    }
    Optional<ChunkSample> s = samples.get(dir);
    if (s == null) {
      s = loadSample(dir);
      samples.put(dir, s);
    }
    return s;
  }

  private Optional<ChunkSample> loadSample(String dir) throws IOException {
    String zarrayKey = ZarrKeys.join(dir, ZarrKeys.ZARRAY);
    Optional<Reference> zarray = set.get(zarrayKey);
    if (zarray.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ChunkSample.of(reader.read(zarrayKey, zarray.get()), options.sample()));
    } catch (ReferenceNotReachableException e) {
      return Optional.empty(); // the .zarray key itself is reported by its own target check
    } catch (IOException | RuntimeException e) {
      fail(new Failure(zarrayKey, "", "cannot decode the array's chunks: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private String decode(String key, Reference ref, ChunkSample sample) throws IOException {
    byte[] stored;
    try {
      stored = reader.read(key, ref);
    } catch (ReferenceNotReachableException e) {
      return "cannot read the chunk: " + reason(e);
    }
    try {
      sample.decode(stored);
      return null;
    } catch (IOException | RuntimeException e) {
      return "the chunk does not decode with " + sample.codecs() + ": " + e.getMessage();
    }
  }

  private void fail(Failure f) {
    failures++;
    if (listed.size() < options.maxListedFailures()) {
      listed.add(f);
    }
    listener.accept(f);
  }

  /** The exception's reason, and its cause's (a missing file names the path it looked at). */
  private static String reason(FileSystemException e) {
    String r = e.getReason() != null ? e.getReason() : String.valueOf(e.getMessage());
    Throwable c = e.getCause();
    if (c instanceof NoSuchFileException n) {
      return r + ": no such file " + n.getFile();
    }
    if (c != null && c.getMessage() != null && !r.contains(c.getMessage())) {
      return r + ": " + c.getMessage();
    }
    return r;
  }
}
