package io.refzarr.nio;

import java.util.Locale;

/**
 * How a {@code reference} file system presents a reference set (the {@code view} env property).
 *
 * <p>{@link #RAW} presents the keys as the set has them, bytes as the targets hold them: what
 * fsspec presents. The other views present every array uncompressed, for Zarr readers that do not
 * know the codecs kerchunk writes (zlib or shuffle in {@code filters}, Blosc, big-endian types):
 * chunks are decoded on read with zarr-bridge's codecs, so they need {@code io.refzarr:zarr-bridge}
 * on the class path (its {@link ViewProvider}).
 */
public enum ReferenceView {
  /** The set as it is (the default). */
  RAW,
  /**
   * Zarr v2 with every array's {@code compressor} and {@code filters} {@code null} (also in a
   * consolidated {@code .zmetadata}) and every chunk decoded; object arrays keep their {@code
   * vlen-utf8} filter.
   */
  DECODED,
  /**
   * Zarr v3 over the same decoded chunks: a {@code zarr.json} per array (the {@code bytes} codec
   * with the type's endianness, v2 chunk key encoding so chunk keys are unchanged) and per group,
   * no v2 metadata keys.
   */
  ZARR3;

  /** The env value: {@code raw}, {@code decoded} or {@code zarr3}. */
  public String envName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The view named by an env value (any case).
   *
   * @throws IllegalArgumentException naming the value and the known views
   */
  public static ReferenceView parse(String name) {
    for (ReferenceView v : values()) {
      if (v.envName().equalsIgnoreCase(name.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown view \"" + name + "\" (known: raw, decoded, zarr3)");
  }
}
