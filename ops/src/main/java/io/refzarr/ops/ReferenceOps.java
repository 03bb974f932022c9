package io.refzarr.ops;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.ops.VerifyReport.Failure;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Operations on reference sets (kerchunk's {@code kerchunk.utils}). Each reads {@code set} key by
 * key and puts every key, rewritten or not, into {@code sink}; the caller makes the sink (usually
 * {@link io.refzarr.refs.ReferenceSets#sink}, whose output appears on {@code close()}) and closes
 * or aborts it. The sink is not closed here. Bytes are read through {@code reader}, which resolves
 * targets as its configuration says (root, remote protocol, HTTP/S3 options).
 *
 * <pre>{@code
 * try (ReferenceSet set = ReferenceSets.open(in, ReadOptions.DEFAULT);
 *     ReferenceReader reader = ReferenceReader.create(config)) {
 *   ReferenceSets.write(out, SinkOptions.DEFAULT, sink -> ReferenceOps.inline(set, 500, reader, sink));
 * }
 * }</pre>
 */
public final class ReferenceOps {
  private ReferenceOps() {}

  /**
   * Embeds the bytes of every range shorter than {@code threshold} bytes, and of every whole target
   * of a metadata key ({@code .z*}), as inline data (kerchunk's {@code do_inline}). The ranges are
   * fetched in batches with the reader's coalesced multi-key read, archive members and remote
   * targets included.
   *
   * @throws io.refzarr.source.ReferenceNotReachableException naming the key if a target cannot be
   *     read
   */
  public static Summary inline(
      ReferenceSet set, long threshold, ReferenceReader reader, ReferenceSink sink)
      throws IOException {
    return new Inliner(threshold, Objects.requireNonNull(reader, "reader"), sink).run(set);
  }

  /**
   * Rewrites the targets that {@code renames} matches (kerchunk's {@code rename_target}); others,
   * and inline data, are kept. {@link Summary#rewritten()} counts the references whose target
   * changed.
   */
  public static Summary renameTargets(ReferenceSet set, TargetRenames renames, ReferenceSink sink)
      throws IOException {
    return new Renamer(Objects.requireNonNull(renames, "renames"), sink).run(set);
  }

  /**
   * Turns references into archive members ({@code tar://member::archive}, {@code
   * zip://member::archive}) into byte ranges of the archive (kerchunk's {@code
   * dereference_archives}), from the archive's headers.
   *
   * @throws io.refzarr.source.ReferenceNotReachableException naming the key and member if an
   *     archive cannot be read, lacks the member, or stores it compressed, or if a range runs past
   *     the member's end
   */
  public static Summary dereference(ReferenceSet set, ReferenceReader reader, ReferenceSink sink)
      throws IOException {
    return dereference(set, reader, false, sink);
  }

  /**
   * {@link #dereference(ReferenceSet, ReferenceReader, ReferenceSink)}; with {@code allowDeflate},
   * a whole deflated zip member becomes the range from its local header to the end of its
   * compressed data, decoded with kerchunk's {@code deflate} codec ({@code {"id": "deflate"}},
   * which zarr-bridge has and numcodecs has only with kerchunk installed): its array's {@code
   * .zarray} gets {@code deflate} as compressor, the old compressor (if any) appended to the
   * filters. Deflated metadata members ({@code .zarray}, {@code .zattrs}, ...) are embedded
   * inflated. {@link Summary#rewritten()} counts the rewritten {@code .zarray} keys too.
   *
   * @throws io.refzarr.source.ReferenceNotReachableException naming the key and member if a
   *     reference lies inside a deflated member (not the whole member), or a deflated chunk lies in
   *     no array
   * @throws io.refzarr.refs.InvalidReferenceSetException naming the array if some of its chunks are
   *     deflated members and others are not
   */
  public static Summary dereference(
      ReferenceSet set, ReferenceReader reader, boolean allowDeflate, ReferenceSink sink)
      throws IOException {
    return new Dereferencer(Objects.requireNonNull(reader, "reader"), allowDeflate, sink).run(set);
  }

  /**
   * Rewrites every array of fewer than {@code threshold} bytes, and every array named in {@code
   * names}, as one embedded chunk holding its decoded values (kerchunk's {@code inline_array}):
   * read through zarr-bridge over a reference file system of {@code set} made with {@code config},
   * written uncompressed and little-endian (variable-length strings with {@code vlen-utf8});
   * attributes kept. Variable-length string arrays are rewritten only when named. The whole values
   * of each chosen array are held in memory. {@link Summary#rewritten()} counts the arrays
   * rewritten.
   *
   * @throws IllegalArgumentException if a named array is missing or has its metadata in a target
   */
  public static Summary inlineArrays(
      ReferenceSet set,
      long threshold,
      java.util.Set<String> names,
      io.refzarr.nio.ReferenceFileSystemConfig config,
      ReferenceSink sink)
      throws IOException {
    return new ArrayInliner(threshold, names, Objects.requireNonNull(config, "config"), sink)
        .run(set);
  }

  /**
   * Splits the chunks of the uncompressed array {@code array} along the first axis whose chunk
   * length exceeds 1 into {@code factor} byte ranges each (kerchunk's {@code subchunk}), so readers
   * can fetch less than a whole chunk; its {@code .zarray} gets the smaller chunks. Other arrays
   * and keys are kept. {@link Summary#rewritten()} counts the split chunks and the rewritten {@code
   * .zarray}.
   *
   * @throws io.refzarr.refs.InvalidReferenceSetException naming the array if it is missing,
   *     compressed, filtered, not C-order, or its chunk length is not a multiple of {@code factor},
   *     or naming the chunk if one is inlined, a whole file, or not of an uncompressed chunk's size
   */
  public static Summary subchunk(
      ReferenceSet set, String array, int factor, ReferenceReader reader, ReferenceSink sink)
      throws IOException {
    return new Subchunker(
            Objects.requireNonNull(array, "array"),
            factor,
            Objects.requireNonNull(reader, "reader"),
            sink)
        .run(set);
  }

  /**
   * Writes {@code set} as JSON at {@code jsonOut} (atomically) with the repeated directories of its
   * targets factored into {@code templates} (kerchunk's {@code templateize} and {@code
   * consolidate}): every directory at least {@code minLength} characters long that two or more
   * references share. {@link Summary#rewritten()} counts the references written with a template.
   *
   * @throws IllegalArgumentException if {@code jsonOut} names a Parquet output (Parquet stores each
   *     URL once)
   */
  public static Summary consolidate(ReferenceSet set, Path jsonOut, int minLength)
      throws IOException {
    requireJson(jsonOut);
    TemplateChoice.Result t = TemplateChoice.choose(set, minLength);
    ReferenceSets.writeJson(set, jsonOut, t.templates());
    return new Summary(set.size(), t.references(), 0);
  }

  /**
   * Writes {@code set} as JSON at {@code jsonOut} (atomically) with every template rendered into
   * its targets.
   */
  public static Summary expandTemplates(ReferenceSet set, Path jsonOut) throws IOException {
    requireJson(jsonOut);
    ReferenceSets.writeJson(set, jsonOut);
    return new Summary(set.size(), 0, 0);
  }

  private static void requireJson(Path out) throws IOException {
    if (!ReferenceSets.outputFormat(out).equals("json")) {
      throw new IllegalArgumentException(
          "templates are a JSON feature, and "
              + out
              + " names a "
              + ReferenceSets.outputFormat(out)
              + " output (which stores each URL once anyway)");
    }
  }

  /**
   * Checks every reference against its target (the target exists, the range lies within it) and,
   * with {@link VerifyOptions#decode()}, decodes a sample of each array's chunks. A failing
   * reference is a {@link Failure} in the report, not an exception.
   */
  public static VerifyReport verify(ReferenceSet set, ReferenceReader reader, VerifyOptions options)
      throws IOException {
    return verify(set, reader, options, f -> {});
  }

  /**
   * {@link #verify(ReferenceSet, ReferenceReader, VerifyOptions)}, passing every failure to {@code
   * listener}.
   */
  public static VerifyReport verify(
      ReferenceSet set, ReferenceReader reader, VerifyOptions options, Consumer<Failure> listener)
      throws IOException {
    return new Verifier(
            set,
            Objects.requireNonNull(reader, "reader"),
            Objects.requireNonNull(options, "options"),
            Objects.requireNonNull(listener, "listener"))
        .run();
  }
}
