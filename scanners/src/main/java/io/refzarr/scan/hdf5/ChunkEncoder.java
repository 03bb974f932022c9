package io.refzarr.scan.hdf5;

import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Re-encodes a decoded chunk with an array's codecs, for chunks stored with some filters skipped (a filter
 * mask): Zarr has one pipeline per array, so such a chunk is inlined encoded like its neighbours. Only
 * shuffle and zlib can be applied here; other pipelines return null and the caller reports the dataset.
 */
final class ChunkEncoder {
  private ChunkEncoder() {}

  static byte[] encode(byte[] decoded, List<Map<String, Object>> codecs) {
    byte[] data = decoded;
    for (Map<String, Object> codec : codecs) {
      Object id = codec.get("id");
      if ("shuffle".equals(id)) {
        data = shuffle(data, ((Number) codec.get("elementsize")).intValue());
      } else if ("zlib".equals(id)) {
        data = zlib(data, ((Number) codec.get("level")).intValue());
      } else {
        return null;
      }
    }
    return data;
  }

  static byte[] shuffle(byte[] in, int elementSize) {
    if (elementSize <= 1 || in.length % elementSize != 0) {
      return in.clone();
    }
    int n = in.length / elementSize;
    byte[] out = new byte[in.length];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < elementSize; b++) {
        out[b * n + i] = in[i * elementSize + b];
      }
    }
    return out;
  }

  static byte[] zlib(byte[] in, int level) {
    Deflater deflater = new Deflater(Math.max(0, Math.min(9, level)));
    try {
      deflater.setInput(in);
      deflater.finish();
      byte[] buf = new byte[in.length + in.length / 100 + 64];
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length / 2 + 64);
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }
}
