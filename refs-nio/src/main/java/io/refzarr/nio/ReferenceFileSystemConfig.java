package io.refzarr.nio;

import io.refzarr.refs.ReadOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@code reference} file system finds and reads its targets. Immutable; make one with
 * {@link #builder()} or from a {@code FileSystems.newFileSystem} environment map with {@link #fromEnv}.
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
 * </table>
 */
public final class ReferenceFileSystemConfig {

  /** The defaults: relative targets against the working directory, local files. */
  public static final ReferenceFileSystemConfig DEFAULT = builder().build();

  private final Path root;
  private final String remoteProtocol;
  private final Map<String, Object> remoteOptions;
  private final Optional<String> defaultTarget;
  private final ReadOptions readOptions;

  private ReferenceFileSystemConfig(Builder b) {
    this.root = b.root == null ? Path.of("").toAbsolutePath() : b.root;
    this.remoteProtocol = b.remoteProtocol == null ? "file" : b.remoteProtocol;
    this.remoteOptions = Map.copyOf(b.remoteOptions);
    this.defaultTarget = Optional.ofNullable(b.defaultTarget);
    this.readOptions = new ReadOptions(b.templateOverrides,
        b.maxGeneratedReferences == null ? ReadOptions.DEFAULT.maxGeneratedReferences()
            : b.maxGeneratedReferences);
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
          map(e.getKey(), v).forEach((k, o) -> b.templateOverride(String.valueOf(k), string(e.getKey(), o)));
          break;
        case "maxGeneratedReferences":
          b.maxGeneratedReferences(number(e.getKey(), v));
          break;
        default:
          throw new IllegalArgumentException("unknown reference file system property \"" + e.getKey()
              + "\" (known: root, defaultTarget, remoteProtocol, remoteOptions, templateOverrides,"
              + " maxGeneratedReferences)");
      }
    }
    return b.build();
  }

  private static String string(String name, Object v) {
    if (v instanceof String || v instanceof Path) {
      return v.toString();
    }
    throw new IllegalArgumentException("property " + name + " must be a String, not " + typeName(v));
  }

  private static Map<?, ?> map(String name, Object v) {
    if (v instanceof Map) {
      return (Map<?, ?>) v;
    }
    throw new IllegalArgumentException("property " + name + " must be a Map, not " + typeName(v));
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

  @Override
  public String toString() {
    return "ReferenceFileSystemConfig{root=" + root + ", remoteProtocol=" + remoteProtocol
        + ", defaultTarget=" + defaultTarget.orElse("none") + ", remoteOptions=" + remoteOptions.keySet()
        + ", templateOverrides=" + readOptions.templateOverrides().keySet() + "}";
  }

  /** Builds a {@link ReferenceFileSystemConfig}; each property may be set once. */
  public static final class Builder {
    private Path root;
    private String remoteProtocol;
    private final Map<String, Object> remoteOptions = new LinkedHashMap<>();
    private String defaultTarget;
    private final Map<String, String> templateOverrides = new LinkedHashMap<>();
    private Long maxGeneratedReferences;

    private Builder() {}

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

    /** The protocol of targets written without one ({@code file}, {@code s3}, {@code https}, ...). */
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

    public ReferenceFileSystemConfig build() {
      return new ReferenceFileSystemConfig(this);
    }
  }
}
