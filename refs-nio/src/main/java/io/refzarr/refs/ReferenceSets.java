package io.refzarr.refs;

import com.fasterxml.jackson.core.JsonParser;
import io.refzarr.internal.io.AtomicOutputs;
import io.refzarr.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Static factories for reference sets: read and write JSON, open and write any installed form,
 * build in memory.
 *
 * <p>The form of an output follows one rule ({@link #sink}): the first installed {@link
 * ReferenceSetFormat} that {@linkplain ReferenceSetFormat#writes writes} the path writes it,
 * anything else is JSON. With the lazy-mapper module installed, a path whose name ends in {@code
 * .parq} or {@code .parquet} (any case), or that is an existing Parquet reference directory (one
 * holding {@code .zmetadata}), is a Parquet directory.
 */
public final class ReferenceSets {
  private ReferenceSets() {}

  /**
   * Puts references into an output; {@link #write(Path, SinkOptions, Producer)} returns its result.
   */
  @FunctionalInterface
  public interface Producer<T> {
    T writeTo(ReferenceSink sink) throws IOException;
  }

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
                return Json.parser(Files.newInputStream(json));
              }
            },
            options)
        .read();
  }

  /** Reads a JSON reference set from a stream (read to its end; not closed). */
  public static ReferenceSet readJson(InputStream in, String name, ReadOptions options)
      throws IOException {
    byte[] bytes = in.readAllBytes();
    return readJson(bytes, name, options);
  }

  /** Reads a JSON reference set from bytes. */
  public static ReferenceSet readJson(byte[] json, String name, ReadOptions options)
      throws IOException {
    return new JsonReferenceReader(
            new JsonReferenceReader.Source() {
              @Override
              public String name() {
                return name;
              }

              @Override
              public JsonParser open() throws IOException {
                return Json.parser(json);
              }
            },
            options)
        .read();
  }

  /**
   * Opens a reference set in any installed form: a directory or file that an installed {@link
   * ReferenceSetFormat} recognises (such as a Parquet directory), else JSON.
   */
  public static ReferenceSet open(Path location, ReadOptions options) throws IOException {
    for (ReferenceSetFormat format : formats()) {
      if (format.recognizes(location)) {
        return format.open(location, options);
      }
    }
    if (Files.isDirectory(location)) {
      throw new InvalidReferenceSetException(
          location.toString(),
          "",
          "a directory, and no installed reference-set format recognises it (is lazy-mapper on the class path?)");
    }
    return readJson(location, options);
  }

  /**
   * An output at {@code out} in the form its path names (see the {@linkplain ReferenceSets class
   * rule}): an installed format's streaming writer, or JSON collected in memory and written
   * atomically on {@code close()}. Either way the output appears complete on {@code close()} or,
   * after {@code abort()}, not at all.
   */
  public static ReferenceOutput sink(Path out, SinkOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    ReferenceSetFormat format = writerOf(out);
    return format == null ? new JsonOutput(out) : format.output(out, options);
  }

  /**
   * Runs {@code producer} on a {@link #sink} at {@code out} and closes it, or aborts it if the
   * producer fails (the failure is rethrown); returns what the producer returned.
   */
  public static <T> T write(Path out, SinkOptions options, Producer<T> producer)
      throws IOException {
    ReferenceOutput output = sink(out, options);
    T result;
    try {
      result = producer.writeTo(output);
    } catch (IOException | RuntimeException | Error e) {
      abortQuietly(output, e);
      throw e;
    }
    output.close();
    return result;
  }

  /**
   * Writes every key of {@code set} to {@code out} in the form its path names (see the {@linkplain
   * ReferenceSets class rule}), atomically. JSON is written straight from the set.
   */
  public static void write(ReferenceSet set, Path out, SinkOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    if (writerOf(out) == null) {
      writeJson(set, out);
      return;
    }
    write(
        out,
        options,
        sink -> {
          copy(set, sink);
          return null;
        });
  }

  /** Puts every key of {@code set} into {@code sink}, in the set's key order. */
  public static void copy(ReferenceSet set, ReferenceSink sink) throws IOException {
    if (set instanceof CompactReferenceSet compact) {
      compact.copyTo(sink);
      return;
    }
    try (Stream<Map.Entry<String, Reference>> entries = set.entries()) {
      Iterator<Map.Entry<String, Reference>> it = entries.iterator();
      while (it.hasNext()) {
        Map.Entry<String, Reference> e = it.next();
        sink.put(e.getKey(), e.getValue());
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The form an output at {@code out} would be written in by {@link #sink}: {@code "json"}, or the
   * {@linkplain ReferenceSetFormat#name name} of the installed format that writes it.
   */
  public static String outputFormat(Path out) throws IOException {
    ReferenceSetFormat format = writerOf(out);
    return format == null ? "json" : format.name();
  }

  private static ReferenceSetFormat writerOf(Path out) throws IOException {
    for (ReferenceSetFormat format : formats()) {
      if (format.writes(out)) {
        return format;
      }
    }
    return null;
  }

  private static ServiceLoader<ReferenceSetFormat> formats() {
    return ServiceLoader.load(ReferenceSetFormat.class, ReferenceSets.class.getClassLoader());
  }

  private static void abortQuietly(ReferenceOutput output, Throwable failure) {
    try {
      output.abort();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Writes a set as JSON version 1 to a stream (not closed). */
  public static void writeJson(ReferenceSet set, OutputStream out) throws IOException {
    JsonReferenceWriter.write(set, new NonClosingOutputStream(out));
  }

  /**
   * Writes a set as JSON version 1 to a file, atomically: the file appears complete or not at all,
   * and an existing file is replaced only once the new one is fully written. Missing parent
   * directories are made.
   */
  public static void writeJson(ReferenceSet set, Path file) throws IOException {
    AtomicOutputs.write(file, out -> JsonReferenceWriter.write(set, out));
  }

  /**
   * Writes a set as JSON version 1 with {@code templates} ({@code name → URL prefix}, fsspec's
   * simple templates), atomically: every target that starts with a template's value (the longest
   * that matches) is written as {@code {{name}}} followed by the rest; targets holding a single
   * brace are written as they are.
   *
   * @throws IllegalArgumentException if a name is not an identifier or a value is empty or holds a
   *     brace, or if templates are given and a target holds {@code "{{"} (fsspec would render it as
   *     a template); nothing is written then
   */
  public static void writeJson(ReferenceSet set, Path file, Map<String, String> templates)
      throws IOException {
    Map<String, String> t = new java.util.LinkedHashMap<>(templates);
    t.forEach(
        (name, value) -> {
          if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a template name must be an identifier: " + name);
          }
          if (value.isEmpty() || value.indexOf('{') >= 0 || value.indexOf('}') >= 0) {
            throw new IllegalArgumentException(
                "template " + name + " must be a non-empty value without braces: " + value);
          }
        });
    AtomicOutputs.write(file, out -> JsonReferenceWriter.write(set, out, t));
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
