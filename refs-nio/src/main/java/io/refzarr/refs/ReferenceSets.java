package io.refzarr.refs;

import io.refzarr.internal.io.AtomicOutputs;
import com.fasterxml.jackson.core.JsonParser;
import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/** Static factories for reference sets: read and write JSON, open any installed form, build in memory. */
public final class ReferenceSets {
  private ReferenceSets() {}

  /** A builder for an in-memory set. */
  public static ReferenceSetBuilder builder() {
    return new ReferenceSetBuilder();
  }

  /** An in-memory set of the given references. */
  public static ReferenceSet of(Map<String, ? extends Reference> refs) {
    ReferenceSetBuilder b = builder();
    refs.forEach(b::put);
    return b.build();
  }

  /** Reads a JSON reference set (version 0 or 1) from any file system. */
  public static ReferenceSet readJson(Path json) throws IOException {
    return readJson(json, ReadOptions.DEFAULT);
  }

  /** Reads a JSON reference set (version 0 or 1) from any file system. */
  public static ReferenceSet readJson(Path json, ReadOptions options) throws IOException {
    return new JsonReferenceReader(
            new JsonReferenceReader.Source() {
              @Override
              public String name() {
                return json.toString();
              }

              @Override
              public JsonParser open() throws IOException {
                return Json.FACTORY.createParser(Files.newInputStream(json));
              }
            },
            options)
        .read();
  }

  /** Reads a JSON reference set from a stream (read to its end; not closed). */
  public static ReferenceSet readJson(InputStream in, String name, ReadOptions options) throws IOException {
    byte[] bytes = in.readAllBytes();
    return readJson(bytes, name, options);
  }

  /** Reads a JSON reference set from bytes. */
  public static ReferenceSet readJson(byte[] json, String name, ReadOptions options) throws IOException {
    return new JsonReferenceReader(
            new JsonReferenceReader.Source() {
              @Override
              public String name() {
                return name;
              }

              @Override
              public JsonParser open() throws IOException {
                return Json.FACTORY.createParser(json);
              }
            },
            options)
        .read();
  }

  /**
   * Opens a reference set in any installed form: a directory or file that an installed
   * {@link ReferenceSetFormat} recognises (such as a Parquet directory), else JSON.
   */
  public static ReferenceSet open(Path location, ReadOptions options) throws IOException {
    for (ReferenceSetFormat format : ServiceLoader.load(ReferenceSetFormat.class, ReferenceSets.class.getClassLoader())) {
      if (format.recognizes(location)) {
        return format.open(location, options);
      }
    }
    if (Files.isDirectory(location)) {
      throw new InvalidReferenceSetException(location.toString(), "",
          "a directory, and no installed reference-set format recognises it (is lazy-mapper on the class path?)");
    }
    return readJson(location, options);
  }

  /** Writes a set as JSON version 1 to a stream (not closed). */
  public static void writeJson(ReferenceSet set, OutputStream out) throws IOException {
    JsonReferenceWriter.write(set, new NonClosingOutputStream(out));
  }

  /**
   * Writes a set as JSON version 1 to a file, atomically: the file appears complete or not at all, and an
   * existing file is replaced only once the new one is fully written. Missing parent directories are made.
   */
  public static void writeJson(ReferenceSet set, Path file) throws IOException {
    AtomicOutputs.write(file, out -> JsonReferenceWriter.write(set, out));
  }

  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
