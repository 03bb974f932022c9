package io.refzarr.combine;

import io.refzarr.zarr.ZarrArrayMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one input says about one array that the output depends on.
 *
 * @param outPath the output array path (differs from the input's when {@code var} renames it)
 * @param encoding the encoding fields that must agree across inputs (parsed JSON values; {@link
 *     #ABSENT} when missing)
 */
record ArrayFacts(
    String outPath,
    ArrayRole role,
    ZarrArrayMetadata md,
    Map<String, Object> attrs,
    List<String> dims,
    Map<String, Object> encoding)
    implements java.io.Serializable {

  static final String ABSENT = "<absent>";
  private static final List<String> ZARRAY_FIELDS =
      List.of("dtype", "compressor", "filters", "fill_value", "order");
  private static final List<String> CF_FIELDS =
      List.of("scale_factor", "add_offset", "_FillValue", "missing_value", "units", "calendar");
  private static final List<String> TIME_FIELDS = List.of("units", "calendar");

  /**
   * The encoding fields checked for an array of this role ({@code attr:} prefix for attributes).
   */
  static Map<String, Object> encoding(
      ArrayRole role, boolean cfDecoded, ZarrArrayMetadata md, Map<String, Object> attrs) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (role == ArrayRole.DATA) {
      for (String f : ZARRAY_FIELDS) {
        out.put(f, json(md.document(), f));
      }
      for (String f : CF_FIELDS) {
        out.put("attr:" + f, json(attrs, f));
      }
    } else if (role == ArrayRole.CONCAT_COORDINATE && !cfDecoded) {
      for (String f : TIME_FIELDS) {
        out.put("attr:" + f, json(attrs, f));
      }
    }
    return out;
  }

  // compared as parsed values (no serialising per input); null stands for JSON null
  private static Object json(Map<String, Object> doc, String field) {
    return doc.containsKey(field) ? doc.get(field) : ABSENT;
  }
}
