package io.refzarr.cli;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One-line descriptions of failures, for stderr. */
final class Errors {
  private Errors() {}

  static String describe(Throwable thrown) {
    Throwable e = thrown;
    // streams and futures wrap the IOException that names the file, key and offset: show that one
    while ((e instanceof UncheckedIOException
            || e instanceof CompletionException
            || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
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
