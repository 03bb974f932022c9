package io.refzarr.source;

import java.nio.file.FileSystemException;

/**
 * A target changed while a file system was reading it: its ETag, Last-Modified time, or size and
 * modification time differ from those seen on the first read. Reading on would mix bytes of two
 * versions, so every later read of the target fails with this exception until the file system is
 * reopened.
 */
public class TargetChangedException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  public TargetChangedException(String target, String pinned, String now) {
    super(
        target,
        null,
        "the target changed since it was first read (was "
            + pinned
            + ", now "
            + now
            + "); reopen the file system to read the new version");
  }
}
