package io.refzarr.combine;

import io.refzarr.refs.Reference;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.TargetResolver;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/** Reads the bytes a reference names, resolving targets as the combine's inputs expect. */
final class TargetBytes implements Closeable {
  private final TargetResolver resolver;
  private final ByteRangeReaders readers;

  TargetBytes(TargetResolver resolver, ByteRangeReaders readers) {
    this.resolver = resolver;
    this.readers = readers;
  }

  byte[] read(Reference ref) throws IOException {
    if (ref instanceof Reference.Inline) {
      return ((Reference.Inline) ref).data();
    }
    String target = ref instanceof Reference.Range ? ((Reference.Range) ref).target()
        : ((Reference.Whole) ref).target();
    URI uri = resolver.resolve(target);
    long offset = ref instanceof Reference.Range ? ((Reference.Range) ref).offset() : 0;
    long length = ref instanceof Reference.Range ? ref.length() : readers.forTarget(uri).size(uri);
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException(target + ": a " + length + "-byte block is too large to read as a coordinate");
    }
    ByteBuffer buf = readers.forTarget(uri).read(uri, offset, (int) length);
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }

  @Override
  public void close() throws IOException {
    readers.close();
  }
}
