package io.refzarr.bridge.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The decoding steps of one array, built once from its metadata: bytes-to-bytes codecs in decoding order,
 * optionally ending in {@code vlen-utf8} (then chunks decode to strings). Immutable and thread-safe.
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
  public static CodecPipeline zarrV2(Map<String, Object> compressor, List<Map<String, Object>> filters)
      throws CodecException {
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
      steps.add(switch (name) {
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

  /** True if chunks decode to strings ({@link #decodeStrings}), false if to bytes ({@link #decode}). */
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
    byte[] b = encoded;
    for (int i = 0; i < steps.size(); i++) {
      b = steps.get(i).decode(b, i == steps.size() - 1 ? expected : -1);
    }
    if (b.length != expected) {
      throw CodecException.wrongSize("chunk", b.length, expected);
    }
    return b;
  }

  /** Decodes a chunk of {@code count} strings. */
  public String[] decodeStrings(byte[] encoded, int count) throws CodecException {
    byte[] b = encoded;
    for (Codec step : steps) {
      b = step.decode(b, -1);
    }
    return VlenUtf8.decode(b, count);
  }
}
