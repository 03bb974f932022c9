package io.refzarr.source;

/**
 * Where a member's bytes lie in its archive: {@code size} bytes from {@code dataOffset}; a negative
 * offset marks a member whose bytes are not one range (a sparse tar member).
 */
record ArchiveMember(String name, long dataOffset, long size) {

  /** Whether the member's bytes are one contiguous range of the archive. */
  boolean contiguous() {
    return dataOffset >= 0;
  }
}
