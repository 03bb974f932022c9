package io.refzarr.scan.hdf5;

import io.jhdf.object.message.FilterPipelineMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HDF5 filter pipelines to numcodecs configs, as kerchunk maps them (keyed on the filter id). */
final class FilterMapper {
  static final int DEFLATE = 1;
  static final int SHUFFLE = 2;
  static final int FLETCHER32 = 3;
  static final int BLOSC = 32001;
  static final int ZSTD = 32015;
  private static final String[] BLOSC_NAMES = {"blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"};

  private FilterMapper() {}

  static FilterPlan map(List<FilterPipelineMessage.FilterInfo> filters, int itemSize) {
    List<Map<String, Object>> codecs = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    int fletcher = -1;
    for (int i = 0; i < filters.size(); i++) {
      FilterPipelineMessage.FilterInfo f = filters.get(i);
      int[] cd = f.getData() == null ? new int[0] : f.getData();
      switch (f.getId()) {
        case DEFLATE:
          codecs.add(codec("zlib", "level", cd.length > 0 ? cd[0] : 6));
          break;
        case SHUFFLE:
          if (!codecs.isEmpty()) {
            // HDF5's shuffle passes the bytes past the last whole element through; numcodecs'
            // refuses a
            // buffer that is no multiple of the element size, so after a compressor it cannot be
            // undone
            unsupported.add("shuffle after " + codecs.get(codecs.size() - 1).get("id"));
          } else {
            codecs.add(codec("shuffle", "elementsize", itemSize));
          }
          break;
        case FLETCHER32:
          // The checksum is appended after every earlier filter ran: cut it off the range. Anywhere
          // but
          // last it sits inside other filters' output and cannot be cut without decoding.
          if (i == filters.size() - 1) {
            fletcher = i;
          } else {
            unsupported.add("fletcher32 (not the last filter)");
          }
          break;
        case BLOSC:
          codecs.add(blosc(cd));
          break;
        case ZSTD:
          codecs.add(codec("zstd", "level", cd.length > 0 ? cd[0] : 3));
          break;
        default:
          unsupported.add(name(f.getId()));
      }
    }
    return new FilterPlan(codecs, fletcher, unsupported, filters.size());
  }

  private static Map<String, Object> codec(String id, String param, int value) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put(param, (long) value);
    return c;
  }

  /** hdf5-blosc client values: 4 clevel, 5 shuffle, 6 compressor code (defaults when absent). */
  private static Map<String, Object> blosc(int[] cd) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", "blosc");
    int code = cd.length > 6 ? cd[6] : 0;
    c.put("cname", code >= 0 && code < BLOSC_NAMES.length ? BLOSC_NAMES[code] : "blosclz");
    c.put("clevel", (long) (cd.length > 4 ? cd[4] : 5));
    c.put("shuffle", (long) (cd.length > 5 ? cd[5] : 1));
    c.put("blocksize", 0L);
    return c;
  }

  static String name(int id) {
    switch (id) {
      case 4:
        return "szip";
      case 5:
        return "nbit";
      case 6:
        return "scale-offset";
      case 307:
        return "bzip2";
      case 32000:
        return "lzf";
      case 32004:
        return "lz4";
      case 32008:
        return "bitshuffle";
      default:
        return "filter id " + id;
    }
  }
}
