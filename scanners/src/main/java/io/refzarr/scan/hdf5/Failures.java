package io.refzarr.scan.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.exceptions.UnsupportedHdfException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an object cannot be scanned, in words: what the file uses that refzarr cannot reference or
 * its HDF5 reader (jhdf) cannot parse, rather than jhdf's exception text with its internal
 * addresses.
 */
final class Failures {
  private static final Pattern ADDRESS = Pattern.compile("\\s*at address '?\\d+'?");
  private static final Pattern FILTER = Pattern.compile("name='([^']*)' id=(\\d+)");

  private Failures() {}

  /** The damaged structure behind {@code e}, if that is why it failed, else null. */
  static DamagedStructureException damaged(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DamagedStructureException d) {
        return d;
      }
    }
    return null;
  }

  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof DamagedStructureException d) {
        return "a damaged " + d.structure() + ": " + m;
      }
      if (t instanceof HdfFilterException) {
        Matcher f = FILTER.matcher(m);
        return f.find()
            ? "filter " + f.group(1) + " (id " + f.group(2) + ") is not available to decode it"
            : "a filter that is not available to decode it";
      }
      if (m.contains("Region references")) {
        return "dataset region references (no Zarr form)";
      }
      if (m.contains("External Data Files")) {
        return "data kept in external files (External Data Files message), which references cannot name";
      }
      if (m.contains("Virtual storage")) {
        return "a virtual dataset (Virtual storage layout: its values live in other datasets, which references"
            + " cannot name)";
      }
      if (m.contains("Unrecognized link type")) {
        return "a user-defined link type (not followed)";
      }
      if (m.contains("datatype version") || m.contains("data type class")) {
        return "a datatype refzarr's HDF5 reader (jhdf 0.13) cannot parse";
      }
      if (t instanceof UnsupportedHdfException) {
        return "a feature refzarr's HDF5 reader (jhdf 0.13) does not support ("
            + ADDRESS.matcher(m).replaceAll("").trim()
            + ")";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "metadata refzarr's HDF5 reader (jhdf 0.13) cannot parse ("
        + root.getClass().getSimpleName()
        + ")";
  }
}
