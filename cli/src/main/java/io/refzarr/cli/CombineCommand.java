package io.refzarr.cli;

import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombineSpec;
import io.refzarr.combine.Combiner;
import io.refzarr.combine.ConflictResolver;
import io.refzarr.combine.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refzarr combine}: many reference sets into one along concat dimensions (MultiZarrToZarr). */
@Command(name = "combine", description = "Combine reference sets (JSON files or Parquet directories) into one"
    + " dataset along concat dimensions, like kerchunk's MultiZarrToZarr, refusing inputs that do not fit.")
final class CombineCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "Reference sets: paths, globs (day_*.json) or @FILE listing one path per line.")
  List<String> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json",
      description = "Where to write the combined references (JSON, written atomically).")
  Path output;

  @Option(names = "--concat-dim", required = true, paramLabel = "DIM", description = "Dimension to concatenate"
      + " along (repeatable; \"var\" renames variables as in kerchunk).")
  List<String> concatDims = new ArrayList<>();

  @Option(names = "--identical-dim", paramLabel = "NAME", description = "Array copied from the first input"
      + " (repeatable).")
  List<String> identicalDims = new ArrayList<>();

  @Option(names = "--coo", paramLabel = "DIM=SELECTOR", description = "Coordinate of a concat dimension:"
      + " data:VAR, cf:VAR, attr:NAME, vattr:VAR:NAME, INDEX, VARNAME, re:REGEX (over the input path), or a"
      + " constant (default data:DIM).")
  Map<String, String> coo = new LinkedHashMap<>();

  @Option(names = "--coo-dtype", paramLabel = "DIM=DTYPE", description = "dtype of a coordinate, e.g."
      + " time=M8[s] or member=<i8.")
  Map<String, String> cooDtypes = new LinkedHashMap<>();

  @Option(names = "--drop", paramLabel = "VAR", description = "Variable to leave out (repeatable).")
  List<String> drop = new ArrayList<>();

  @Option(names = "--inline-threshold", paramLabel = "BYTES", defaultValue = "500",
      description = "Inline referenced chunks smaller than this (default: ${DEFAULT-VALUE}; 0: none).")
  int inlineThreshold;

  @Option(names = "--conflicts", paramLabel = "fail|first|drop-attributes", defaultValue = "fail",
      description = "Inputs disagreeing on dtype, codecs, fill value or CF attributes: refuse (default), take"
          + " the first input's (in coordinate order), or drop the attribute.")
  String conflicts;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Inputs per batch.")
  int batchSize;

  @Option(names = "--parallelism", paramLabel = "N", description = "Inputs read at once (default: cores).")
  Integer parallelism;

  @Option(names = "--root", paramLabel = "DIR", description = "Directory that relative targets resolve"
      + " against when coordinates or small chunks are read (default: the working directory).")
  Path root;

  @Option(names = "--remote-protocol", paramLabel = "PROTOCOL", description = "Protocol of targets written"
      + " without one (default: file).")
  String remoteProtocol;

  @Option(names = "--progress", description = "Report progress on stderr.")
  boolean progress;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (output.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(parq|parquet)")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Parquet output (" + output
          + ") is not available yet: write JSON (-o out.json)");
    }
    List<CombineInput> sets = new ArrayList<>();
    for (Path p : InputPaths.expand(inputs)) {
      sets.add(CombineInput.of(p));
    }
    Combiner.combineToJson(sets, combineSpec(), output);
    spec.commandLine().getOut().printf("%s: combined %d inputs%n", output, sets.size());
    return 0;
  }

  private CombineSpec combineSpec() {
    CombineSpec.Builder b = CombineSpec.builder()
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
    if (root != null) {
      b.targetRoot(root);
    }
    if (remoteProtocol != null) {
      b.remoteProtocol(remoteProtocol);
    }
    if (progress) {
      PrintWriter err = spec.commandLine().getErr();
      b.progress((phase, done, total) -> err.printf("%s: %d/%d inputs%n",
          phase == ProgressListener.Phase.COORDINATES ? "coordinates" : "references", done, total));
    }
    return b.build();
  }

  private ConflictResolver resolver(String name) {
    switch (name) {
      case "fail":
        return ConflictResolver.fail();
      case "first":
        return ConflictResolver.useFirst();
      case "drop-attributes":
        return ConflictResolver.dropAttributes();
      default:
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--conflicts must be fail, first or drop-attributes: " + name);
    }
  }

  /** Paths, globs and {@code @list} files to a sorted list of paths. */
  static final class InputPaths {
    private InputPaths() {}

    static List<Path> expand(List<String> args) throws IOException {
      List<Path> out = new ArrayList<>();
      for (String arg : args) {
        if (arg.startsWith("@")) {
          for (String line : Files.readAllLines(Path.of(arg.substring(1)))) {
            if (!line.isBlank() && !line.startsWith("#")) {
              out.add(Path.of(line.trim()));
            }
          }
        } else if (arg.matches(".*[*?\\[{].*")) {
          out.addAll(glob(arg));
        } else {
          out.add(Path.of(arg));
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
}
