package io.refzarr.scan.hdf5;

import io.jhdf.object.message.FilterPipelineMessage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * For chunks stored with some filters skipped (a filter mask): Zarr has one pipeline per array, so
 * such a chunk is decoded through the filters it did go through and re-encoded with the array's
 * codecs, then inlined. Only deflate, shuffle and Fletcher-32 are handled here; anything else
 * returns null and the caller reports the dataset.
 */
final class ChunkCodec {
  private ChunkCodec() {}

  /**
   * Whether chunks of this pipeline that skipped some filters can be decoded and re-encoded here.
   */
  static boolean canReencode(List<FilterPipelineMessage.FilterInfo> filters) {
    for (FilterPipelineMessage.FilterInfo f : filters) {
      int id = f.getId();
      if (id != FilterMapper.DEFLATE
          && id != FilterMapper.SHUFFLE
          && id != FilterMapper.FLETCHER32) {
        return false;
      }
    }
    return true;
  }

  /**
   * Undoes the filters a stored chunk went through (bit i of {@code mask} set: filter i was
   * skipped), or returns null if one of them is not deflate, shuffle or Fletcher-32.
   */
  static byte[] decode(
      byte[] stored, List<FilterPipelineMessage.FilterInfo> filters, int mask, int itemSize)
      throws IOException {
    byte[] data = stored;
    for (int i = filters.size() - 1; i >= 0; i--) {
      if ((mask & (1 << i)) != 0) {
        continue;
      }
      switch (filters.get(i).getId()) {
        case FilterMapper.DEFLATE:
          data = inflate(data);
          break;
        case FilterMapper.SHUFFLE:
          data = unshuffle(data, itemSize);
          break;
        case FilterMapper.FLETCHER32:
          data = Arrays.copyOf(data, Math.max(0, data.length - 4));
          break;
        default:
          return null;
      }
    }
    return data;
  }

  private static byte[] inflate(byte[] in) throws IOException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(in);
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 + 64);
      byte[] buf = new byte[16 << 10];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new EOFException("deflate stream ends early");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IOException("bad deflate stream: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /** Undoes byte shuffling: gathers each element's bytes back from the byte planes. */
  static byte[] unshuffle(byte[] in, int elementSize) {
    return elementSize <= 1 || in.length % elementSize != 0
        ? in.clone()
        : transpose(in, elementSize, in.length / elementSize);
  }

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

  /** Byte shuffling (HDF5's and numcodecs'): byte i of every element together, for each i. */
  static byte[] shuffle(byte[] in, int elementSize) {
    return elementSize <= 1 || in.length % elementSize != 0
        ? in.clone()
        : transpose(in, in.length / elementSize, elementSize);
  }

  /** The transpose of {@code in} read as a rows x cols byte matrix in row-major order. */
  private static byte[] transpose(byte[] in, int rows, int cols) {
    byte[] out = new byte[in.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = in[r * cols + c];
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
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
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
