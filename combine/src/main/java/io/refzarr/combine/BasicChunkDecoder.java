package io.refzarr.combine;

import io.refzarr.zarr.ZarrArrayMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * The codecs coordinate arrays use in practice: none, {@code zlib}, {@code gzip} and {@code shuffle}
 * (enough for netCDF4/HDF5 coordinates). Others fail with a message naming the codec.
 */
final class BasicChunkDecoder implements ChunkDecoder {

  @Override
  public byte[] decode(byte[] stored, ZarrArrayMetadata array, String what) throws IOException {
    List<Map<String, Object>> codecs = new ArrayList<>(array.filters());
    if (array.compressor() != null) {
      codecs.add(array.compressor());
    }
    Collections.reverse(codecs); // decode in the reverse order of encoding
    byte[] data = stored;
    for (Map<String, Object> codec : codecs) {
      data = apply(codec, data, what);
    }
    return data;
  }

  private static byte[] apply(Map<String, Object> codec, byte[] data, String what) throws IOException {
    Object id = codec.get("id");
    if ("zlib".equals(id)) {
      return inflate(data, what);
    } else if ("gzip".equals(id)) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
        return in.readAllBytes();
      }
    } else if ("shuffle".equals(id)) {
      Object size = codec.getOrDefault("elementsize", 4L);
      return unshuffle(data, ((Number) size).intValue());
    }
    throw new IOException(what + ": codec " + id + " is not supported for coordinate values");
  }

  private static byte[] inflate(byte[] data, String what) throws IOException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(data);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length * 4);
      byte[] buf = new byte[8192];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException(what + ": truncated zlib stream");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IOException(what + ": bad zlib stream: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  static byte[] unshuffle(byte[] data, int elementSize) {
    if (elementSize <= 1) {
      return data;
    }
    int count = data.length / elementSize;
    byte[] out = data.clone(); // trailing bytes that do not fill an element stay in place
    for (int b = 0; b < elementSize; b++) {
      for (int i = 0; i < count; i++) {
        out[i * elementSize + b] = data[b * count + i];
      }
    }
    return out;
  }
}
