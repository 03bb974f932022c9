package io.refzarr.refs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands the {@code gen} blocks of a version-1 reference set: each block's dimensions (ranges
 * {@code {"start","stop","step"}} or explicit lists) are iterated as a cartesian product, first
 * dimension outermost, and {@code key}, {@code url}, {@code offset} and {@code length} rendered for
 * each combination. The total size is checked against the limit before any reference is made.
 */
final class GenExpander {
  private final String source;
  private final Map<String, String> templates;
  private final long limit;
  private final long plainLimit;
  private long plain;
  private String lastArray;
  private boolean lastArrayCompact;

  GenExpander(String source, Map<String, String> templates, ReadOptions options) {
    this.source = source;
    this.templates = templates;
    this.limit = options.maxGeneratedReferences();
    this.plainLimit = options.maxGeneratedPlainReferences();
  }

  void expand(List<?> gens, ReferenceSetBuilder out) throws InvalidReferenceSetException {
    List<Block> blocks = new ArrayList<>();
    long total = 0;
    for (int g = 0; g < gens.size(); g++) {
      Block block = parse(gens.get(g), "/gen/" + g);
      total = addCapped(total, block.count);
      if (total > limit) {
        throw new InvalidReferenceSetException(
            source,
            "/gen/" + g,
            "gen expands to more than "
                + limit
                + " references (raise ReadOptions.maxGeneratedReferences"
                + " if this is intended)");
      }
      blocks.add(block);
    }
    for (Block block : blocks) {
      block.emit(out);
    }
  }

  private Block parse(Object spec, String pointer) throws InvalidReferenceSetException {
    if (!(spec instanceof Map)) {
      throw bad(pointer, "a gen entry must be an object");
    }
    Map<?, ?> m = (Map<?, ?>) spec;
    for (Object k : m.keySet()) {
      if (!List.of("key", "url", "offset", "length", "dimensions").contains(k)) {
        throw bad(pointer + "/" + k, "unknown gen member");
      }
    }
    if (m.containsKey("offset") != m.containsKey("length")) {
      throw bad(pointer, "gen needs both offset and length, or neither");
    }
    Block b = new Block(pointer);
    b.key = template(m.get("key"), pointer + "/key", true);
    b.url = template(m.get("url"), pointer + "/url", true);
    b.offset = template(m.get("offset"), pointer + "/offset", false);
    b.length = template(m.get("length"), pointer + "/length", false);
    Object dims = m.get("dimensions");
    if (!(dims instanceof Map) || ((Map<?, ?>) dims).isEmpty()) {
      throw bad(pointer + "/dimensions", "gen needs a non-empty dimensions object");
    }
    long count = 1;
    for (Map.Entry<?, ?> e : ((Map<?, ?>) dims).entrySet()) {
      String name = (String) e.getKey();
      Dimension d = dimension(e.getValue(), pointer + "/dimensions/" + name);
      b.names.add(name);
      b.dims.add(d);
      count = multiplyCapped(count, d.size());
    }
    b.count = count;
    return b;
  }

  private TemplateString template(Object value, String pointer, boolean required)
      throws InvalidReferenceSetException {
    if (value == null) {
      if (required) {
        throw bad(pointer, "missing");
      }
      return null;
    }
    String text =
        value instanceof Long ? value.toString() : value instanceof String ? (String) value : null;
    if (text == null) {
      throw bad(pointer, "must be a string or an integer");
    }
    try {
      return TemplateString.parse(text);
    } catch (IllegalArgumentException e) {
      throw bad(pointer, e.getMessage());
    }
  }

  private Dimension dimension(Object value, String pointer) throws InvalidReferenceSetException {
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      for (Object o : list) {
        if (!(o instanceof Long) && !(o instanceof String)) {
          throw bad(pointer, "list values must be integers or strings");
        }
      }
      return new Dimension(0, 0, 0, list);
    }
    if (!(value instanceof Map)) {
      throw bad(pointer, "a dimension must be a list or {\"start\", \"stop\", \"step\"}");
    }
    Map<?, ?> r = (Map<?, ?>) value;
    long start = integer(r.get("start"), 0, pointer + "/start");
    long stop = integer(r.get("stop"), Long.MIN_VALUE, pointer + "/stop");
    long step = integer(r.get("step"), 1, pointer + "/step");
    if (stop == Long.MIN_VALUE) {
      throw bad(pointer + "/stop", "missing");
    }
    if (step == 0) {
      throw bad(pointer + "/step", "step must not be zero");
    }
    return new Dimension(start, stop, step, null);
  }

  private long integer(Object v, long dflt, String pointer) throws InvalidReferenceSetException {
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Long)) {
      throw bad(pointer, "must be an integer");
    }
    return (Long) v;
  }

  // Keys that will not be stored compactly are counted against the memory-aware limit as they are
  // made;
  // consecutive keys mostly belong to one array, whose answer is kept.
  private void countPlain(ReferenceSetBuilder out, String key, String pointer)
      throws InvalidReferenceSetException {
    int slash = key.lastIndexOf('/');
    int prefixLength = Math.max(slash, 0);
    if (lastArray == null || lastArray.length() != prefixLength || !key.startsWith(lastArray)) {
      lastArray = key.substring(0, prefixLength);
      lastArrayCompact = out.hasArrayMetadata(lastArray);
    }
    if (lastArrayCompact && ReferenceSetBuilder.isChunkName(key.substring(slash + 1))) {
      return;
    }
    if (++plain > plainLimit) {
      throw bad(
          pointer,
          "gen makes more than "
              + plainLimit
              + " references that are not chunks of an array"
              + " with a .zarray in the set, each of which takes its own entry in memory (raise"
              + " ReadOptions.maxGeneratedPlainReferences if this is intended)");
    }
  }

  private InvalidReferenceSetException bad(String pointer, String reason) {
    return new InvalidReferenceSetException(source, pointer, reason);
  }

  private static long addCapped(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  private static long multiplyCapped(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  /** A Python-style range, or an explicit list of values. */
  private record Dimension(long start, long stop, long step, List<?> values) {
    long size() {
      if (values != null) {
        return values.size();
      }
      // len(range(start, stop, step)) without overflow
      BigInteger span = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start));
      BigInteger stepBig = BigInteger.valueOf(step);
      if (span.signum() != stepBig.signum()) {
        return 0;
      }
      BigInteger n =
          span.add(stepBig).subtract(BigInteger.valueOf(Long.signum(step))).divide(stepBig);
      return n.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    Object value(long i) {
      return values != null ? values.get((int) i) : start + i * step;
    }
  }

  private final class Block {
    final String pointer;
    final List<String> names = new ArrayList<>();
    final List<Dimension> dims = new ArrayList<>();
    TemplateString key;
    TemplateString url;
    TemplateString offset;
    TemplateString length;
    long count;

    Block(String pointer) {
      this.pointer = pointer;
    }

    void emit(ReferenceSetBuilder out) throws InvalidReferenceSetException {
      Map<String, Object> vars = new HashMap<>(templates);
      long[] sizes = new long[dims.size()];
      for (int d = 0; d < sizes.length; d++) {
        sizes[d] = dims.get(d).size();
      }
      long[] idx = new long[sizes.length];
      for (long n = 0; n < count; n++) {
        for (int d = 0; d < idx.length; d++) {
          vars.put(names.get(d), dims.get(d).value(idx[d]));
        }
        emitOne(out, vars);
        for (int d = idx.length - 1; d >= 0; d--) {
          if (++idx[d] < sizes[d]) {
            break;
          }
          idx[d] = 0;
        }
      }
    }

    private void emitOne(ReferenceSetBuilder out, Map<String, Object> vars)
        throws InvalidReferenceSetException {
      String k = null;
      try {
        k = key.render(vars);
        countPlain(out, k, pointer);
        String u = url.render(vars);
        if (offset == null) {
          out.putTargetRef(k, u, 0, -1);
        } else {
          out.putTargetRef(k, u, offset.renderLong(vars), length.renderLong(vars));
        }
      } catch (IllegalArgumentException e) {
        throw bad(pointer + (k == null ? "" : " (key \"" + k + "\")"), e.getMessage());
      }
    }
  }
}
