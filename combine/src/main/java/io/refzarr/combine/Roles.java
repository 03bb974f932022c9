package io.refzarr.combine;

import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;

/** Classifies an input's arrays the way kerchunk does, by their base name. */
final class Roles {
  private Roles() {}

  static ArrayRole of(String path, InputContext in, CombineSpec spec) throws IOException {
    String base = ZarrKeys.name(path);
    if (spec.dropVariables().contains(base) || spec.dropVariables().contains(path)) {
      return ArrayRole.DROPPED;
    }
    if (spec.realConcatDims().contains(base)) {
      return ArrayRole.CONCAT_COORDINATE;
    }
    if (spec.identicalDims().contains(base)) {
      return ArrayRole.IDENTICAL;
    }
    if (in.dimensionNames().contains(base)) {
      return ArrayRole.COORDINATE;
    }
    return ArrayRole.DATA;
  }
}
