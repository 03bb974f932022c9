package io.refzarr.scan.hdf5;

/**
 * An object the scanner cannot reference (an unsupported datatype, filter or layout). Checked, so
 * every caller decides by the error policy whether it skips or fails; the message says why, without
 * the path.
 */
final class Unsupported extends Exception {
  private static final long serialVersionUID = 1L;

  Unsupported(String reason) {
    super(reason, null, false, false);
  }
}
