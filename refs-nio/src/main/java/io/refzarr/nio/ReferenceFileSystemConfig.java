package io.refzarr.nio;

import io.refzarr.refs.ReadOptions;
import io.refzarr.source.AllowedTargets;
import io.refzarr.source.ByteRangeReaderProvider;
import io.refzarr.source.ReadSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@code reference} file system finds and reads its targets. Immutable; make one with {@link
 * #builder()} or from a {@code FileSystems.newFileSystem} environment map with {@link #fromEnv}.
 *
 * <p>Environment properties (unknown names are rejected):
 *
 * <table>
 *   <caption>env properties</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code root}</td><td>Path or String</td><td>working directory</td>
 *       <td>directory that relative target paths resolve against (kerchunk writes local targets relative
 *       to where it ran)</td></tr>
 *   <tr><td>{@code defaultTarget}</td><td>String</td><td>none</td>
 *       <td>target of references whose url is {@code null} (fsspec's {@code target})</td></tr>
 *   <tr><td>{@code remoteProtocol}</td><td>String</td><td>{@code file}</td>
 *       <td>protocol of targets written without one (fsspec's {@code remote_protocol})</td></tr>
 *   <tr><td>{@code remoteOptions}</td><td>Map</td><td>empty</td>
 *       <td>options for the byte sources, such as {@code s3.endpoint} (fsspec's {@code remote_options})</td></tr>
 *   <tr><td>{@code templateOverrides}</td><td>Map of String</td><td>empty</td>
 *       <td>template values replacing the set's own, to relocate data</td></tr>
 *   <tr><td>{@code maxGeneratedReferences}</td><td>Number or String</td><td>50,000,000</td>
 *       <td>the most references {@code gen} blocks may expand to</td></tr>
 *   <tr><td>{@code maxGeneratedPlainReferences}</td><td>Number or String</td><td>max heap / 2048, at least
 *       100,000</td><td>the most of those that are not chunks of an array with a {@code .zarray} (each is
 *       kept as its own entry in memory)</td></tr>
 *   <tr><td>{@code maxGap}</td><td>Number or String</td><td>64,000</td>
 *       <td>ranges of one remote target at most this many bytes apart are fetched in one request
 *       (fsspec's {@code max_gap}; negative disables merging)</td></tr>
 *   <tr><td>{@code maxBlock}</td><td>Number or String</td><td>256,000,000</td>
 *       <td>the largest merged request in bytes (fsspec's {@code max_block})</td></tr>
 *   <tr><td>{@code maxConcurrentRequests}</td><td>Number or String</td><td>32</td>
 *       <td>the most requests in flight for the multi-key reads of the file system (reads through channels
 *       run on their caller's thread)</td></tr>
 *   <tr><td>{@code blockCacheBytes}</td><td>Number or String</td><td>64 MiB</td>
 *       <td>weight bound of the cache of fetched remote ranges, shared by all readers (0 disables it)</td></tr>
 *   <tr><td>{@code sourceProviders}</td><td>Collection of ByteRangeReaderProvider</td><td>empty</td>
 *       <td>byte sources of the user's own, ahead of the installed ones (by URL scheme)</td></tr>
 *   <tr><td>{@code allowedTargets}</td><td>Collection of String (or one String)</td><td>any target</td>
 *       <td>the only target prefixes that may be read ({@code file:/data/}, {@code https://host/},
 *       {@code s3://bucket/}; see {@link AllowedTargets}): any other target fails with a
 *       {@link io.refzarr.source.TargetNotAllowedException} before any I/O, and HTTP redirects are
 *       not followed. Set it to open reference sets from strangers.</td></tr>
 *   <tr><td>{@code view}</td><td>String or {@link ReferenceView}</td><td>{@code raw}</td>
 *       <td>{@code raw}: keys as the set has them; {@code decoded}: Zarr v2 with every array uncompressed
 *       ({@code compressor} and {@code filters} null, chunks decoded on read); {@code zarr3}: Zarr v3 over the
 *       same decoded chunks. The last two need zarr-bridge on the class path.</td></tr>
 * </table>
 *
 * <p>Source options in {@code remoteOptions} read by the built-in sources: {@code http.headers}
 * (Map), {@code http.timeoutMs} (30,000; the whole exchange), {@code http.connectTimeoutMs}
 * (10,000), {@code http.version} ({@code HTTP_2}), {@code http.maxAttempts} (4), {@code
 * http.retryBaseDelayMs} (100), {@code http.retryMaxDelayMs} (5,000); the S3 source of {@code
 * refs-s3} reads {@code s3.*}.
 */
public final class ReferenceFileSystemConfig {

  /** The defaults: relative targets against the working directory, local files. */
  public static final ReferenceFileSystemConfig DEFAULT = builder().build();

  private final Path root;
  private final String remoteProtocol;
  private final Map<String, Object> remoteOptions;
  private final Optional<String> defaultTarget;
  private final ReadOptions readOptions;
  private final ReadSettings readSettings;
  private final List<ByteRangeReaderProvider> sourceProviders;
  private final AllowedTargets allowedTargets;
  private final ReferenceView view;

  private ReferenceFileSystemConfig(Builder b) {
    this.root = b.root == null ? Path.of("").toAbsolutePath() : b.root;
    this.remoteProtocol = b.remoteProtocol == null ? "file" : b.remoteProtocol;
    this.remoteOptions = Map.copyOf(b.remoteOptions);
    this.defaultTarget = Optional.ofNullable(b.defaultTarget);
    this.readOptions =
        new ReadOptions(
            b.templateOverrides,
            b.maxGeneratedReferences == null
                ? ReadOptions.DEFAULT.maxGeneratedReferences()
                : b.maxGeneratedReferences,
            b.maxGeneratedPlainReferences == null
                ? ReadOptions.DEFAULT.maxGeneratedPlainReferences()
                : b.maxGeneratedPlainReferences);
    ReadSettings d = ReadSettings.DEFAULT;
    this.readSettings =
        new ReadSettings(
            b.maxGap == null ? d.maxGap() : b.maxGap,
            b.maxBlock == null ? d.maxBlock() : b.maxBlock,
            b.maxConcurrentRequests == null ? d.maxConcurrentRequests() : b.maxConcurrentRequests,
            b.blockCacheBytes == null ? d.cacheBytes() : b.blockCacheBytes);
    this.sourceProviders = List.copyOf(b.sourceProviders);
    this.allowedTargets =
        b.allowedTargets.isEmpty() ? AllowedTargets.ANY : AllowedTargets.of(b.allowedTargets);
    this.view = b.view;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.root = root;
    b.remoteProtocol = remoteProtocol;
    b.remoteOptions.putAll(remoteOptions);
    b.defaultTarget = defaultTarget.orElse(null);
    b.templateOverrides.putAll(readOptions.templateOverrides());
    b.maxGeneratedReferences = readOptions.maxGeneratedReferences();
    b.maxGeneratedPlainReferences = readOptions.maxGeneratedPlainReferences();
    b.maxGap = readSettings.maxGap();
    b.maxBlock = readSettings.maxBlock();
    b.maxConcurrentRequests = readSettings.maxConcurrentRequests();
    b.blockCacheBytes = readSettings.cacheBytes();
    b.sourceProviders.addAll(sourceProviders);
    b.allowedTargets.addAll(allowedTargets.prefixes());
    b.view = view;
    return b;
  }

  /**
   * A configuration from a {@code FileSystems.newFileSystem} environment map (see the class
   * documentation for the property table).
   *
   * @throws IllegalArgumentException for an unknown property or a value of the wrong type
   */
  public static ReferenceFileSystemConfig fromEnv(Map<String, ?> env) {
    Builder b = builder();
    for (Map.Entry<String, ?> e : env.entrySet()) {
      Object v = e.getValue();
      switch (e.getKey()) {
        case "root":
          b.root(v instanceof Path ? (Path) v : Path.of(string(e.getKey(), v)));
          break;
        case "defaultTarget":
          b.defaultTarget(string(e.getKey(), v));
          break;
        case "remoteProtocol":
          b.remoteProtocol(string(e.getKey(), v));
          break;
        case "remoteOptions":
          map(e.getKey(), v).forEach((k, o) -> b.remoteOption(String.valueOf(k), o));
          break;
        case "templateOverrides":
          map(e.getKey(), v)
              .forEach((k, o) -> b.templateOverride(String.valueOf(k), string(e.getKey(), o)));
          break;
        case "maxGeneratedReferences":
          b.maxGeneratedReferences(number(e.getKey(), v));
          break;
        case "maxGeneratedPlainReferences":
          b.maxGeneratedPlainReferences(number(e.getKey(), v));
          break;
        case "maxGap":
          b.maxGap(number(e.getKey(), v));
          break;
        case "maxBlock":
          b.maxBlock(number(e.getKey(), v));
          break;
        case "maxConcurrentRequests":
          b.maxConcurrentRequests(
              (int)
                  Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(e.getKey(), v))));
          break;
        case "blockCacheBytes":
          b.blockCacheBytes(number(e.getKey(), v));
          break;
        case "sourceProviders":
          providers(e.getKey(), v).forEach(b::sourceProvider);
          break;
        case "allowedTargets":
          b.allowedTargets(strings(e.getKey(), v));
          break;
        case "view":
          b.view(v instanceof ReferenceView rv ? rv : ReferenceView.parse(string(e.getKey(), v)));
          break;
        default:
          throw new IllegalArgumentException(
              "unknown reference file system property \""
                  + e.getKey()
                  + "\" (known: root, defaultTarget, remoteProtocol, remoteOptions, templateOverrides,"
                  + " maxGeneratedReferences, maxGeneratedPlainReferences, maxGap, maxBlock,"
                  + " maxConcurrentRequests, blockCacheBytes, sourceProviders, view, allowedTargets)");
      }
    }
    return b.build();
  }

  private static String string(String name, Object v) {
    if (v instanceof String || v instanceof Path) {
      return v.toString();
    }
    throw new IllegalArgumentException(
        "property " + name + " must be a String, not " + typeName(v));
  }

  private static List<String> strings(String name, Object v) {
    if (v instanceof String) {
      return List.of((String) v);
    }
    if (!(v instanceof Collection)) {
      throw new IllegalArgumentException(
          "property " + name + " must be a Collection of String, not " + typeName(v));
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Collection<?>) v) {
      out.add(string(name, o));
    }
    return out;
  }

  private static Map<?, ?> map(String name, Object v) {
    if (v instanceof Map) {
      return (Map<?, ?>) v;
    }
    throw new IllegalArgumentException("property " + name + " must be a Map, not " + typeName(v));
  }

  private static List<ByteRangeReaderProvider> providers(String name, Object v) {
    Collection<?> c =
        v instanceof ByteRangeReaderProvider
            ? List.of(v)
            : v instanceof Collection ? (Collection<?>) v : null;
    if (c == null) {
      throw new IllegalArgumentException(
          "property "
              + name
              + " must be a Collection of ByteRangeReaderProvider, not "
              + typeName(v));
    }
    List<ByteRangeReaderProvider> out = new ArrayList<>();
    for (Object o : c) {
      if (!(o instanceof ByteRangeReaderProvider)) {
        throw new IllegalArgumentException(
            "property " + name + " holds a " + typeName(o) + ", not a ByteRangeReaderProvider");
      }
      out.add((ByteRangeReaderProvider) o);
    }
    return out;
  }

  private static long number(String name, Object v) {
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    if (v instanceof String) {
      try {
        return Long.parseLong(((String) v).trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("property " + name + " must be an integer, not " + v);
  }

  private static String typeName(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  public Path root() {
    return root;
  }

  public String remoteProtocol() {
    return remoteProtocol;
  }

  public Map<String, Object> remoteOptions() {
    return remoteOptions;
  }

  public Optional<String> defaultTarget() {
    return defaultTarget;
  }

  /** Options for reading the reference set itself (template overrides, {@code gen} limit). */
  public ReadOptions readOptions() {
    return readOptions;
  }

  /** How remote targets are read: coalescing, concurrency, block cache. */
  public ReadSettings readSettings() {
    return readSettings;
  }

  /** The user's own byte sources, ahead of the installed ones. */
  public List<ByteRangeReaderProvider> sourceProviders() {
    return sourceProviders;
  }

  /** The targets that may be read ({@link AllowedTargets#ANY} unless an allow-list is set). */
  public AllowedTargets allowedTargets() {
    return allowedTargets;
  }

  /** How the set is presented: raw (the default), decoded Zarr v2 or decoded Zarr v3. */
  public ReferenceView view() {
    return view;
  }

  @Override
  public String toString() {
    return "ReferenceFileSystemConfig{root="
        + root
        + ", remoteProtocol="
        + remoteProtocol
        + ", defaultTarget="
        + defaultTarget.orElse("none")
        + ", remoteOptions="
        + remoteOptions.keySet()
        + ", templateOverrides="
        + readOptions.templateOverrides().keySet()
        + (allowedTargets.restricted() ? ", allowedTargets=" + allowedTargets.prefixes() : "")
        + ", view="
        + view.envName()
        + "}";
  }

  /** Builds a {@link ReferenceFileSystemConfig}; setters validate their argument at once. */
  public static final class Builder {
    private Path root;
    private String remoteProtocol;
    private final Map<String, Object> remoteOptions = new LinkedHashMap<>();
    private String defaultTarget;
    private final Map<String, String> templateOverrides = new LinkedHashMap<>();
    private Long maxGeneratedReferences;
    private Long maxGeneratedPlainReferences;
    private Long maxGap;
    private Long maxBlock;
    private Integer maxConcurrentRequests;
    private Long blockCacheBytes;
    private final List<ByteRangeReaderProvider> sourceProviders = new ArrayList<>();
    private final List<String> allowedTargets = new ArrayList<>();

    private Builder() {}

    /**
     * Allows targets under {@code prefix} (a URL such as {@code https://host/data/} or {@code
     * s3://bucket/}, or an absolute path) and, once any is allowed, refuses every other target
     * before any I/O.
     *
     * @throws IllegalArgumentException if the prefix is not an absolute URL or path
     */
    public Builder allowTarget(String prefix) {
      AllowedTargets.of(List.of(Objects.requireNonNull(prefix, "prefix"))); // validates
      allowedTargets.add(prefix);
      return this;
    }

    /** {@link #allowTarget} for each prefix; at least one. */
    public Builder allowedTargets(Collection<String> prefixes) {
      AllowedTargets.of(prefixes); // validates, and refuses an empty list that would allow all
      prefixes.forEach(this::allowTarget);
      return this;
    }

    private ReferenceView view = ReferenceView.RAW;

    /** How the set is presented (see {@link ReferenceView}); non-raw views need zarr-bridge. */
    public Builder view(ReferenceView view) {
      this.view = Objects.requireNonNull(view, "view");
      return this;
    }

    /** Ranges of one remote target at most this many bytes apart are merged (negative: never). */
    public Builder maxGap(long bytes) {
      this.maxGap = bytes;
      return this;
    }

    /** The largest merged request, in bytes. */
    public Builder maxBlock(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBlock must be >= 1: " + bytes);
      }
      this.maxBlock = bytes;
      return this;
    }

    /** The most requests in flight for one multi-key read. */
    public Builder maxConcurrentRequests(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be >= 1: " + n);
      }
      this.maxConcurrentRequests = n;
      return this;
    }

    /** The weight bound of the block cache in bytes (0 disables it). */
    public Builder blockCacheBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("blockCacheBytes must be >= 0: " + bytes);
      }
      this.blockCacheBytes = bytes;
      return this;
    }

    /** A byte source of the user's own, ahead of the installed ones for its schemes. */
    public Builder sourceProvider(ByteRangeReaderProvider provider) {
      sourceProviders.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** The directory that relative target paths resolve against. */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
      return this;
    }

    /** The target of references whose url is null. */
    public Builder defaultTarget(String target) {
      if (target.isEmpty()) {
        throw new IllegalArgumentException("defaultTarget must not be empty");
      }
      this.defaultTarget = target;
      return this;
    }

    /**
     * The protocol of targets written without one ({@code file}, {@code s3}, {@code https}, ...).
     */
    public Builder remoteProtocol(String protocol) {
      if (!protocol.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
        throw new IllegalArgumentException("not a URL scheme: \"" + protocol + "\"");
      }
      this.remoteProtocol = protocol.toLowerCase(java.util.Locale.ROOT);
      return this;
    }

    /** One byte-source option. */
    public Builder remoteOption(String name, Object value) {
      remoteOptions.put(Objects.requireNonNull(name), Objects.requireNonNull(value, name));
      return this;
    }

    /** Replaces (or adds) a template value of the set. */
    public Builder templateOverride(String name, String value) {
      templateOverrides.put(Objects.requireNonNull(name), Objects.requireNonNull(value, name));
      return this;
    }

    /** The most references {@code gen} blocks may expand to. */
    public Builder maxGeneratedReferences(long max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxGeneratedReferences must be >= 0: " + max);
      }
      this.maxGeneratedReferences = max;
      return this;
    }

    /**
     * The most {@code gen} references that are not chunks of an array (kept one map entry each).
     */
    public Builder maxGeneratedPlainReferences(long max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxGeneratedPlainReferences must be >= 0: " + max);
      }
      this.maxGeneratedPlainReferences = max;
      return this;
    }

    public ReferenceFileSystemConfig build() {
      return new ReferenceFileSystemConfig(this);
    }
  }
}
