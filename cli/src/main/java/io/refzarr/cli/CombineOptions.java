package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombineSpec;
import io.refzarr.combine.Combiner;
import io.refzarr.combine.ConflictResolver;
import io.refzarr.combine.ProgressListener;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.scan.ScanInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code combine} and {@code scan-combine}, and writing the result to their output.
 */
final class CombineOptions {
  @Option(
      names = "--concat-dim",
      required = true,
      paramLabel = "DIM",
      description =
          "Dimension to concatenate"
              + " along (repeatable; \"var\" renames variables as in kerchunk).")
  List<String> concatDims = new ArrayList<>();

  @Option(
      names = "--identical-dim",
      paramLabel = "NAME",
      description =
          "Array copied from the first input, after checking that every input holds the same"
              + " values (repeatable).")
  List<String> identicalDims = new ArrayList<>();

  @Option(
      names = "--coo",
      paramLabel = "DIM=SELECTOR",
      description =
          "Coordinate of a concat dimension:"
              + " data:VAR, cf:VAR, attr:NAME, vattr:VAR:NAME, INDEX, VARNAME, re:REGEX (over the input path), or a"
              + " constant (default data:DIM).")
  Map<String, String> coo = new LinkedHashMap<>();

  @Option(
      names = "--coo-dtype",
      paramLabel = "DIM=DTYPE",
      description = "dtype of a coordinate, e.g." + " time=<M8[s] or member=<i8.")
  Map<String, String> cooDtypes = new LinkedHashMap<>();

  @Option(names = "--drop", paramLabel = "VAR", description = "Variable to leave out (repeatable).")
  List<String> drop = new ArrayList<>();

  @Option(
      names = "--inline-threshold",
      paramLabel = "BYTES",
      defaultValue = "500",
      description =
          "Inline referenced chunks smaller than this while combining (default: ${DEFAULT-VALUE};"
              + " 0: none).")
  int inlineThreshold;

  @Option(
      names = "--conflicts",
      paramLabel = "fail|first|drop-attributes",
      defaultValue = "fail",
      description =
          "Inputs disagreeing on dtype, codecs, fill value or CF attributes: refuse (default), take"
              + " the first input's (in coordinate order), or drop the attribute.")
  String conflicts;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Inputs per batch.")
  int batchSize;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Inputs read at once (default: cores).")
  Integer parallelism;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "Directory that relative targets resolve"
              + " against when coordinates or small chunks are read (default: the working directory).")
  Path root;

  @Option(
      names = "--remote-protocol",
      paramLabel = "PROTOCOL",
      description = "Protocol of targets written" + " without one (default: file).")
  String remoteProtocol;

  @Option(
      names = "--allow",
      paramLabel = "PREFIX",
      description =
          "Read only targets under this URL or path prefix (file:/data/, https://host/,"
              + " s3://bucket/; repeatable); any other target fails before any I/O. Use it to"
              + " open reference sets from strangers.")
  List<String> allow = new ArrayList<>();

  @Option(names = "--progress", description = "Report progress on stderr.")
  boolean progress;

  CombineSpec spec(CommandLine cl) {
    CombineSpec.Builder b = settings(cl, root).builder();
    if (progress) {
      b.progress(progressListener(cl));
    }
    return b.build();
  }

  /**
   * The options as a value that travels (the Spark engine builds a spec on each executor from it),
   * with relative targets resolving against {@code root} (null: the working directory of whoever
   * reads them).
   */
  Settings settings(CommandLine cl, Path root) {
    resolver(cl); // refuses a bad --conflicts here, with the command line
    return new Settings(
        List.copyOf(concatDims),
        List.copyOf(identicalDims),
        new LinkedHashMap<>(coo),
        new LinkedHashMap<>(cooDtypes),
        List.copyOf(drop),
        inlineThreshold,
        conflicts,
        batchSize,
        parallelism,
        root == null ? null : root.toString(),
        remoteProtocol,
        List.copyOf(allow));
  }

  /** --progress on stderr, or nothing. */
  ProgressListener progressListener(CommandLine cl) {
    if (!progress) {
      return ProgressListener.NONE;
    }
    PrintWriter err = cl.getErr();
    return (phase, done, total) ->
        err.printf(
            "%s: %d/%d inputs%n",
            phase == ProgressListener.Phase.COORDINATES ? "coordinates" : "references",
            done,
            total);
  }

  /** The combine options, serializable; {@link #builder} makes the spec. */
  record Settings(
      List<String> concatDims,
      List<String> identicalDims,
      LinkedHashMap<String, String> coo,
      LinkedHashMap<String, String> cooDtypes,
      List<String> drop,
      int inlineThreshold,
      String conflicts,
      int batchSize,
      Integer parallelism,
      String root,
      String remoteProtocol,
      List<String> allow)
      implements Serializable {

    CombineSpec.Builder builder() {
      CombineSpec.Builder b =
          CombineSpec.builder()
              .concatDims(concatDims.toArray(new String[0]))
              .identicalDims(identicalDims.toArray(new String[0]))
              .dropVariables(drop.toArray(new String[0]))
              .inlineThreshold(inlineThreshold)
              .batchSize(batchSize)
              .conflicts(resolver(conflicts));
      coo.forEach(b::coordinate);
      cooDtypes.forEach(b::cooDtype);
      if (parallelism != null) {
        b.parallelism(parallelism);
      }
      ReferenceFileSystemConfig.Builder t = ReferenceFileSystemConfig.builder();
      if (root != null) {
        t.root(Path.of(root));
      }
      if (remoteProtocol != null) {
        t.remoteProtocol(remoteProtocol);
      }
      allow.forEach(t::allowTarget);
      return b.targets(t.build());
    }
  }

  private ConflictResolver resolver(CommandLine cl) {
    try {
      return resolver(conflicts);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
  }

  private static ConflictResolver resolver(String conflicts) {
    switch (conflicts) {
      case "fail":
        return ConflictResolver.fail();
      case "first":
        return ConflictResolver.useFirst();
      case "drop-attributes":
        return ConflictResolver.dropAttributes();
      default:
        throw new IllegalArgumentException(
            "--conflicts must be fail, first or drop-attributes: " + conflicts);
    }
  }

  /**
   * Combines into the output: JSON through an in-memory set, Parquet streamed; a failure leaves
   * none.
   */
  static void combine(
      List<CombineInput> inputs, CombineSpec spec, OutputOptions output, CommandLine cl)
      throws IOException {
    output.write(
        cl,
        sink -> {
          Combiner.combine(inputs, spec, sink);
          return null;
        });
  }

  /** Paths, globs and {@code @list} files to a list of paths (glob matches sorted). */
  static List<Path> expand(List<String> args) throws IOException {
    return expandNames(args).stream().map(Path::of).toList();
  }

  /**
   * Paths, URLs, globs of local paths and {@code @list} files (one path or URL per line; blank
   * lines and {@code #} comments ignored) to a list of inputs as given (glob matches sorted).
   */
  static List<String> expandNames(List<String> args) throws IOException {
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("@")) {
        for (String line : Files.readAllLines(Path.of(arg.substring(1)))) {
          if (!line.isBlank() && !line.startsWith("#")) {
            out.add(line.trim());
          }
        }
      } else if (!ScanInput.isUrl(arg) && arg.matches(".*[*?\\[{].*")) {
        glob(arg).forEach(p -> out.add(p.toString()));
      } else {
        out.add(arg);
      }
    }
    return out;
  }

  private static List<Path> glob(String pattern) throws IOException {
    Path p = Path.of(pattern);
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
      ds.forEach(out::add);
    }
    if (out.isEmpty()) {
      throw new IOException("no input matches " + pattern);
    }
    out.sort(null);
    return out;
  }
}
