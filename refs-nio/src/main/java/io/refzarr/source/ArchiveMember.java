package io.refzarr.source;

/** Where a member's bytes lie in its archive: {@code size} bytes from {@code dataOffset}. */
record ArchiveMember(String name, long dataOffset, long size) {}
