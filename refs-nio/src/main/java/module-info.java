/**
 * refzarr's core: the reference model and JSON reference sets ({@code io.refzarr.refs}), byte
 * sources ({@code io.refzarr.source}), the Zarr metadata model ({@code io.refzarr.zarr}) and the
 * {@code reference} file system ({@code io.refzarr.nio}). The {@code io.refzarr.internal.*}
 * packages are plumbing shared with refzarr's own modules only.
 */
module io.refzarr.nio {
  requires transitive java.net.http;
  requires com.fasterxml.jackson.core;
  requires com.github.benmanes.caffeine;

  exports io.refzarr.refs;
  exports io.refzarr.nio;
  exports io.refzarr.source;
  exports io.refzarr.zarr;
  exports io.refzarr.internal.json to
      io.refzarr.lazy,
      io.refzarr.scan,
      io.refzarr.bridge,
      io.refzarr.combine,
      io.refzarr.ops,
      io.refzarr.cli;
  exports io.refzarr.internal.refs to
      io.refzarr.lazy;
  exports io.refzarr.internal.io to
      io.refzarr.lazy,
      io.refzarr.combine,
      io.refzarr.cli;
  exports io.refzarr.internal.concurrent to
      io.refzarr.s3,
      io.refzarr.lazy,
      io.refzarr.scan,
      io.refzarr.bridge,
      io.refzarr.combine,
      io.refzarr.ops,
      io.refzarr.cli;

  uses io.refzarr.source.ByteRangeReaderProvider;
  uses io.refzarr.refs.ReferenceSetFormat;
  uses io.refzarr.nio.ViewProvider;

  provides java.nio.file.spi.FileSystemProvider with
      io.refzarr.nio.ReferenceFileSystemProvider;
}
