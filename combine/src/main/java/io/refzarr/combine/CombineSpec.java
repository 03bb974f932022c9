package io.refzarr.combine;

import io.refzarr.nio.ReferenceFileSystemConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What to combine and how: kerchunk's MultiZarrToZarr options plus refzarr's safety and scale
 * knobs. Immutable; build with {@link #builder()}.
 *
 * <p>The dimension name {@code var} has kerchunk's meaning: its selector's value names the output
 * array of each input's single data variable (no dimension is added for it).
 */
public final class CombineSpec {
  /** The pseudo-dimension that renames variables. */
  public static final String VAR = "var";

  private final List<String> concatDims;
  private final Set<String> identicalDims;
  private final Map<String, CoordinateSelector> cooMap;
  private final Map<String, String> cooDtypes;
  private final Set<String> dropVariables;
  private final Preprocessor preprocess;
  private final Postprocessor postprocess;
  private final ConflictResolver conflicts;
  private final ProgressListener progress;
  private final int inlineThreshold;
  private final int batchSize;
  private final int parallelism;
  private final Executor executor;
  private final boolean retainSmallInputs;
  private final ReferenceFileSystemConfig targets;

  private CombineSpec(Builder b) {
    this.concatDims =
        List.copyOf(b.concatDims.isEmpty() ? new ArrayList<>(b.cooMap.keySet()) : b.concatDims);
    this.identicalDims = Set.copyOf(b.identicalDims);
    Map<String, CoordinateSelector> coo = new LinkedHashMap<>();
    for (String dim : concatDims) {
      coo.put(
          dim,
          b.cooMap.getOrDefault(
              dim,
              dim.equals(VAR) ? CoordinateSelector.varName() : CoordinateSelector.values(dim)));
    }
    this.cooMap = Map.copyOf(coo);
    this.cooDtypes = Map.copyOf(b.cooDtypes);
    this.dropVariables = Set.copyOf(b.dropVariables);
    this.preprocess = b.preprocess;
    this.postprocess = b.postprocess;
    this.conflicts = b.conflicts;
    this.progress = b.progress;
    this.inlineThreshold = b.inlineThreshold;
    this.batchSize = b.batchSize;
    this.parallelism = b.parallelism;
    this.executor = b.executor;
    this.retainSmallInputs = b.retainSmallInputs;
    this.targets = b.targets;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Dimensions to concatenate along, in output order. */
  public List<String> concatDims() {
    return concatDims;
  }

  /**
   * Arrays copied from the first input (in coordinate order), which every input must hold with the
   * same values.
   */
  public Set<String> identicalDims() {
    return identicalDims;
  }

  /** The selector of every concat dimension (defaults filled in). */
  public Map<String, CoordinateSelector> cooMap() {
    return cooMap;
  }

  public Map<String, String> cooDtypes() {
    return cooDtypes;
  }

  public Set<String> dropVariables() {
    return dropVariables;
  }

  public Preprocessor preprocess() {
    return preprocess;
  }

  public Postprocessor postprocess() {
    return postprocess;
  }

  public ConflictResolver conflicts() {
    return conflicts;
  }

  public ProgressListener progress() {
    return progress;
  }

  public int inlineThreshold() {
    return inlineThreshold;
  }

  public int batchSize() {
    return batchSize;
  }

  public int parallelism() {
    return parallelism;
  }

  /** The caller's executor, if one was given; else each run uses a pool of its own. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /** Whether small inputs are kept from the first pass rather than read again. */
  public boolean retainSmallInputs() {
    return retainSmallInputs;
  }

  /** How the targets of the inputs are found and read when coordinates or small chunks are read. */
  public ReferenceFileSystemConfig targets() {
    return targets;
  }

  /** The concat dimensions that become real dimensions (all but {@link #VAR}). */
  List<String> realConcatDims() {
    return concatDims.stream().filter(d -> !d.equals(VAR)).toList();
  }

  /** Builds a {@link CombineSpec}; setters reject bad values at once. */
  public static final class Builder {
    private final List<String> concatDims = new ArrayList<>();
    private final Set<String> identicalDims = new LinkedHashSet<>();
    private final Map<String, CoordinateSelector> cooMap = new LinkedHashMap<>();
    private final Map<String, String> cooDtypes = new LinkedHashMap<>();
    private final Set<String> dropVariables = new LinkedHashSet<>();
    private Preprocessor preprocess = set -> set;
    private Postprocessor postprocess = (key, ref, out) -> out.put(key, ref);
    private ConflictResolver conflicts = ConflictResolver.fail();
    private ProgressListener progress = ProgressListener.NONE;
    private int inlineThreshold = 500;
    private int batchSize = 64;
    private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    private Executor executor;
    private boolean retainSmallInputs = true;
    private ReferenceFileSystemConfig targets = ReferenceFileSystemConfig.DEFAULT;

    private Builder() {}

    public Builder concatDims(String... dims) {
      for (String d : dims) {
        require(
            !d.isEmpty() && !concatDims.contains(d),
            "concat dimension empty or repeated: \"" + d + "\"");
        concatDims.add(d);
      }
      return this;
    }

    public Builder identicalDims(String... dims) {
      identicalDims.addAll(List.of(dims));
      return this;
    }

    /** The selector of one concat dimension. */
    public Builder coordinate(String dim, CoordinateSelector selector) {
      require(!cooMap.containsKey(dim), "coordinate of " + dim + " set twice");
      cooMap.put(dim, Objects.requireNonNull(selector, "selector"));
      return this;
    }

    /**
     * The selector of one concat dimension, in kerchunk's string form ({@code cf:time}, {@code
     * INDEX}).
     */
    public Builder coordinate(String dim, String selector) {
      return coordinate(dim, CoordinateSelector.parse(selector));
    }

    /** The dtype ({@code <i8}, {@code <f8}, {@code M8[ns]}, {@code <U10}) of a coordinate. */
    public Builder cooDtype(String dim, String dtype) {
      CoordinateCodec.parse(dtype); // validates
      cooDtypes.put(dim, dtype);
      return this;
    }

    public Builder dropVariables(String... names) {
      dropVariables.addAll(List.of(names));
      return this;
    }

    public Builder preprocess(Preprocessor p) {
      this.preprocess = Objects.requireNonNull(p, "preprocess");
      return this;
    }

    public Builder postprocess(Postprocessor p) {
      this.postprocess = Objects.requireNonNull(p, "postprocess");
      return this;
    }

    /** What to do when inputs disagree on encodings; the default refuses. */
    public Builder conflicts(ConflictResolver r) {
      this.conflicts = Objects.requireNonNull(r, "conflicts");
      return this;
    }

    public Builder progress(ProgressListener p) {
      this.progress = Objects.requireNonNull(p, "progress");
      return this;
    }

    /**
     * References shorter than this many bytes are fetched and inlined (0: never; kerchunk's default
     * 500).
     */
    public Builder inlineThreshold(int bytes) {
      require(bytes >= 0, "inline threshold must be >= 0: " + bytes);
      this.inlineThreshold = bytes;
      return this;
    }

    /**
     * Inputs per batch: the unit of concurrency, of memory, and of the first pass's tree reduction.
     */
    public Builder batchSize(int n) {
      require(n >= 1, "batch size must be >= 1: " + n);
      this.batchSize = n;
      return this;
    }

    /** Inputs read at once: the threads of the run's own pool (unused with {@link #executor}). */
    public Builder parallelism(int n) {
      require(n >= 1, "parallelism must be >= 1: " + n);
      this.parallelism = n;
      return this;
    }

    /**
     * Reads inputs on the caller's executor instead of a pool of the run's own ({@link
     * #parallelism} threads, shut down after the run). refzarr never shuts the caller's executor
     * down; a failed run cancels the tasks it has not started yet.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Keep the references of inputs with at most 64 keys from the first pass instead of reading
     * them again (default true): what is kept is part of the output anyway.
     */
    public Builder retainSmallInputs(boolean retain) {
      this.retainSmallInputs = retain;
      return this;
    }

    /**
     * How the inputs' targets are found and read when coordinates or small chunks are read: root of
     * relative targets, remote protocol and options, block cache (default: {@link
     * ReferenceFileSystemConfig#DEFAULT}, local files relative to the working directory). The same
     * configuration opens a set as a file system.
     */
    public Builder targets(ReferenceFileSystemConfig config) {
      this.targets = Objects.requireNonNull(config, "config");
      return this;
    }

    public CombineSpec build() {
      List<String> dims = concatDims.isEmpty() ? new ArrayList<>(cooMap.keySet()) : concatDims;
      require(!dims.isEmpty(), "no concat dimension (set concatDims or a coordinate)");
      for (String d : cooMap.keySet()) {
        require(
            dims.contains(d),
            "coordinate given for " + d + ", which is not a concat dimension " + dims);
      }
      for (String d : identicalDims) {
        require(!dims.contains(d), d + " is both a concat and an identical dimension");
      }
      return new CombineSpec(this);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
