package io.refzarr.scan;

/**
 * What a scanner does with an object it cannot reference (an unsupported filter, a virtual
 * dataset).
 */
public enum ErrorPolicy {
  /** Stop with an exception naming the file and object. */
  FAIL,
  /**
   * Leave the object out and record it in the {@link ScanReport} (the default): a failure stays
   * with its object (a dataset, a link, a group's or dataset's attributes), the rest of the file is
   * scanned.
   */
  SKIP
}
