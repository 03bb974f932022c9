package io.refzarr.cli;

import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One-line descriptions of failures, for stderr. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or key: " + ((NoSuchFileException) e).getFile();
    }
    if (e instanceof FileSystemException) {
      return e.getMessage();
    }
    String msg = e.getMessage();
    return msg == null ? e.getClass().getSimpleName() : msg;
  }
}
