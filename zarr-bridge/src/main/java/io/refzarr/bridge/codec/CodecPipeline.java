package io.refzarr.bridge.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The decoding steps of one array, built once from its metadata: bytes-to-bytes codecs in decoding
 * order, optionally ending in {@code vlen-utf8} (then chunks decode to strings). Immutable and
 * thread-safe.
 */
public final class CodecPipeline {
  private final List<Codec> steps;
  private final List<String> names;
  private final boolean strings;

  private CodecPipeline(List<Codec> steps, List<String> names, boolean strings) {
    this.steps = List.copyOf(steps);
    this.names = List.copyOf(names);
    this.strings = strings;
  }

  /**
   * The pipeline of a Zarr v2 array: decode with the compressor, then with the filters in reverse.
   *
   * @throws CodecException naming an unknown or malformed codec
   */
  public static CodecPipeline zarrV2(
      Map<String, Object> compressor, List<Map<String, Object>> filters) throws CodecException {
    List<Map<String, Object>> order = new ArrayList<>();
    if (compressor != null) {
      order.add(compressor);
    }
    List<Map<String, Object>> reversed = new ArrayList<>(filters);
    Collections.reverse(reversed);
    order.addAll(reversed);
    List<Codec> steps = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean strings = false;
    for (int i = 0; i < order.size(); i++) {
      Map<String, Object> config = order.get(i);
      String id = String.valueOf(config.get("id"));
      if (id.equals("vlen-utf8")) {
        if (i != order.size() - 1) {
          throw new CodecException("vlen-utf8 must be the first filter");
        }
        strings = true;
      } else {
        steps.add(V2Codecs.create(id, config));
      }
      names.add(id);
    }
    return new CodecPipeline(steps, names, strings);
  }

  /**
   * The bytes-to-bytes part of a Zarr v3 codec chain ({@code gzip}, {@code zstd}, {@code blosc},
   * {@code crc32c}), given in encoding order.
   */
  public static CodecPipeline zarrV3(List<Map<String, Object>> bytesToBytes) throws CodecException {
    List<Codec> steps = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = bytesToBytes.size() - 1; i >= 0; i--) {
      String name = String.valueOf(bytesToBytes.get(i).get("name"));
      steps.add(
          switch (name) {
            case "gzip" -> Gzip.INSTANCE;
            case "zstd" -> Zstd.INSTANCE;
            case "blosc" -> Blosc.INSTANCE;
            case "crc32c" -> Crc32c.INSTANCE;
            default -> throw new CodecException("unsupported Zarr v3 codec '" + name + "'");
          });
      names.add(name);
    }
    return new CodecPipeline(steps, names, false);
  }

  /**
   * A Zarr v3 shard's geometry and codecs.
   *
   * @param shardShape the shard (outer chunk) shape
   * @param innerShape the inner chunk shape; divides the shard shape
   * @param innerAxes for each stored inner-chunk axis the shard axis it holds (inner {@code
   *     transpose})
   * @param itemSize bytes per element
   * @param fill one fill element in the stored byte order
   * @param inner the inner chunks' bytes-to-bytes codecs
   * @param indexAtEnd {@code index_location} is {@code end}
   * @param indexCrc the index carries a {@code crc32c}
   */
  public record ShardSpec(
      int[] shardShape,
      int[] innerShape,
      int[] innerAxes,
      int itemSize,
      byte[] fill,
      CodecPipeline inner,
      boolean indexAtEnd,
      boolean indexCrc) {}

  /**
   * A sharded Zarr v3 chain: {@code outerBytesToBytes} (codecs after {@code sharding_indexed}, in
   * encoding order), then the shard itself, which decodes to the whole shard in C order.
   */
  public static CodecPipeline sharded(ShardSpec spec, List<Map<String, Object>> outerBytesToBytes)
      throws CodecException {
    for (int d = 0; d < spec.shardShape().length; d++) {
      if (spec.innerShape()[d] <= 0 || spec.shardShape()[d] % spec.innerShape()[d] != 0) {
        throw new CodecException("sharding: inner chunk shape does not divide the shard shape");
      }
    }
    CodecPipeline outer = zarrV3(outerBytesToBytes);
    List<Codec> steps = new ArrayList<>(outer.steps);
    List<String> names = new ArrayList<>(outer.names);
    steps.add(new Sharding(spec));
    names.add("sharding_indexed");
    return new CodecPipeline(steps, names, false);
  }

  /**
   * True if chunks decode to strings ({@link #decodeStrings}), false if to bytes ({@link #decode}).
   */
  public boolean decodesStrings() {
    return strings;
  }

  /** The codec ids in decoding order. */
  public List<String> names() {
    return names;
  }

  /**
   * Decodes a chunk to its bytes.
   *
   * @param expected the decoded chunk length; a different length is an error
   */
  public byte[] decode(byte[] encoded, int expected) throws CodecException {
    OutputSize[] sizes = sizes(OutputSize.exactly(expected));
    byte[] b = encoded;
    for (int i = 0; i < steps.size(); i++) {
      b = steps.get(i).decode(b, sizes[i]);
    }
    if (b.length != expected) {
      throw CodecException.wrongSize("chunk", b.length, expected);
    }
    return b;
  }

  /**
   * A decoded chunk for copying out of: its bytes, possibly still byte-shuffled with {@code
   * shuffle}-byte elements (0: not shuffled), because un-shuffling while copying saves a pass over
   * the chunk.
   */
  public record Decoded(byte[] bytes, int shuffle) {}

  /**
   * Decodes a chunk of {@code expected} bytes, leaving a final byte shuffle of {@code elementSize}
   * elements undone. The bytes may live in a per-thread buffer: use them before this thread decodes
   * again.
   */
  public Decoded decodeForCopy(byte[] encoded, int expected, int elementSize)
      throws CodecException {
    int last = steps.size() - 1;
    boolean defer =
        last >= 0 && elementSize > 1 && steps.get(last).shuffleElementSize() == elementSize;
    int end = defer ? last : steps.size();
    OutputSize[] sizes = sizes(OutputSize.exactly(expected));
    byte[] b = encoded;
    for (int i = 0; i < end; i++) {
      OutputSize size = sizes[i];
      b =
          i == end - 1 && size.exact()
              ? steps.get(i).decodeInto(b, size, scratch(size.bytes()))
              : steps.get(i).decode(b, size);
    }
    if (b.length != expected) {
      throw CodecException.wrongSize("chunk", b.length, expected);
    }
    return new Decoded(b, defer ? elementSize : 0);
  }

  // What each step may produce when the last one produces `last`: every step has a bound, so
  // none decodes more than the chunk needs, whatever sizes its input claims.
  private OutputSize[] sizes(OutputSize last) {
    OutputSize[] sizes = new OutputSize[steps.size()];
    OutputSize size = last;
    for (int k = steps.size() - 1; k >= 0; k--) {
      sizes[k] = size;
      size = steps.get(k).encodedSize(size);
    }
    return sizes;
  }

  /** The size of an encoded chunk, or its bound, when it decodes to {@code decoded}. */
  OutputSize encodedSize(OutputSize decoded) {
    return steps.isEmpty() ? decoded : steps.get(0).encodedSize(sizes(decoded)[0]);
  }

  private static final ThreadLocal<byte[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[1][0]);
  // Larger chunks get a fresh buffer, so a pool thread never pins a huge one.
  private static final int MAX_SCRATCH = 16 << 20;

  private static byte[] scratch(int size) {
    if (size > MAX_SCRATCH) {
      return new byte[size];
    }
    byte[][] holder = SCRATCH.get();
    if (holder[0].length != size) {
      holder[0] = new byte[size];
    }
    return holder[0];
  }

  /**
   * Decodes a chunk of {@code count} strings; its encoded strings may take at most {@value
   * OutputSize#STRINGS_CAP} bytes.
   */
  public String[] decodeStrings(byte[] encoded, int count) throws CodecException {
    OutputSize[] sizes = sizes(OutputSize.atMost(OutputSize.STRINGS_CAP));
    byte[] b = encoded;
    for (int i = 0; i < steps.size(); i++) {
      b = steps.get(i).decode(b, sizes[i]);
    }
    return VlenUtf8.decode(b, count);
  }
}
