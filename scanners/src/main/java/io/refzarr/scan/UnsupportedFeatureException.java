package io.refzarr.scan;

import java.io.IOException;

/**
 * An object of a file uses a feature the scanner cannot turn into references (a filter without a
 * numcodecs equivalent on a large dataset, a datatype without a Zarr v2 form, a virtual dataset).
 * Thrown under {@link ErrorPolicy#FAIL}; under {@link ErrorPolicy#SKIP} the same reason goes into
 * the report.
 */
public class UnsupportedFeatureException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String object;

  /**
   * @param file the file as the user named it
   * @param object the object's path in the file
   * @param reason what is not supported
   */
  public UnsupportedFeatureException(String file, String object, String reason) {
    super(file + ": " + object + ": " + reason);
    this.file = file;
    this.object = object;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The object's path in the file. */
  public String object() {
    return object;
  }
}
