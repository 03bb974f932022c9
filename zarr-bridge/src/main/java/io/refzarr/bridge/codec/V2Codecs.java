package io.refzarr.bridge.codec;

import java.util.Map;

/** numcodecs configurations ({@code {"id": ..., ...}}) to codecs. */
final class V2Codecs {
  private V2Codecs() {}

  static Codec create(String id, Map<String, Object> config) throws CodecException {
    return switch (id) {
      case "zlib" -> Zlib.INSTANCE;
      case "gzip" -> Gzip.INSTANCE;
      case "deflate" -> ZipDeflate.INSTANCE; // kerchunk's: a zip member's local header and data
      case "zstd" -> Zstd.INSTANCE;
      case "lz4" -> Lz4.INSTANCE;
      case "blosc" -> Blosc.INSTANCE;
      case "fletcher32" -> Fletcher32.INSTANCE;
      case "crc32c" -> Crc32c.INSTANCE;
      case "shuffle" -> new Shuffle(intParam(config, "elementsize", 4));
      case "delta" ->
          new Delta(
              NumType.parse(config.get("dtype")),
              NumType.parse(config.getOrDefault("astype", config.get("dtype"))));
      case "fixedscaleoffset" ->
          new FixedScaleOffset(
              number(config, "offset"),
              number(config, "scale"),
              NumType.parse(config.get("dtype")),
              NumType.parse(config.getOrDefault("astype", config.get("dtype"))));
      default -> throw new CodecException("unknown codec '" + id + "' (" + config + ")");
    };
  }

  private static int intParam(Map<String, Object> config, String name, int dflt)
      throws CodecException {
    Object v = config.getOrDefault(name, dflt);
    if (!(v instanceof Number) || ((Number) v).intValue() <= 0) {
      throw new CodecException(
          "codec parameter " + name + " must be a positive integer: " + config);
    }
    return ((Number) v).intValue();
  }

  private static double number(Map<String, Object> config, String name) throws CodecException {
    Object v = config.get(name);
    if (!(v instanceof Number)) {
      throw new CodecException("codec parameter " + name + " must be a number: " + config);
    }
    return ((Number) v).doubleValue();
  }
}
