package io.refzarr.bridge;

import java.io.IOException;

/** Zarr metadata that is malformed or asks for something zarr-bridge does not support. */
public class ZarrFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public ZarrFormatException(String message) {
    super(message);
  }

  public ZarrFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
