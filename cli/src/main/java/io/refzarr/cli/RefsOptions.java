package io.refzarr.cli;

import io.refzarr.cli.args.CommandLine.Model.CommandSpec;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.Spec;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.nio.ReferenceView;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options shared by the commands that open a reference set. They may also be given before the
 * subcommand ({@code refzarr --root DIR cat refs.json KEY}), where {@link Main} mixes them in as
 * well; given in both places, the subcommand's win (per name for {@code --template} and {@code
 * --remote-option}).
 */
final class RefsOptions {
  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "Directory that relative target paths resolve against (default: the working directory).")
  Path root;

  @Option(
      names = "--remote-protocol",
      paramLabel = "PROTOCOL",
      description = "Protocol of targets written without one (default: file).")
  String remoteProtocol;

  @Option(
      names = "--default-target",
      paramLabel = "URL",
      description = "Target of references whose url is null.")
  String defaultTarget;

  @Option(
      names = "--template",
      paramLabel = "NAME=VALUE",
      description = "Override a template value of the set (repeatable).")
  Map<String, String> templates = new LinkedHashMap<>();

  @Option(
      names = "--remote-option",
      paramLabel = "NAME=VALUE",
      description = "A byte-source option such as s3.endpoint=http://127.0.0.1:9000 (repeatable).")
  Map<String, String> remoteOptions = new LinkedHashMap<>();

  @Option(
      names = "--allow",
      paramLabel = "PREFIX",
      description =
          "Read only targets under this URL or path prefix (file:/data/, https://host/,"
              + " s3://bucket/; repeatable); any other target fails before any I/O. Use it to"
              + " open reference sets from strangers.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--view",
      paramLabel = "raw|decoded|zarr3",
      description =
          "How arrays are presented: raw (as the set has them, the default), decoded (Zarr v2 with no"
              + " compressor or filters, chunks decoded: for readers that do not know kerchunk's codecs,"
              + " such as GDAL or jzarr) or zarr3 (Zarr v3 metadata over decoded chunks).")
  ReferenceView view;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  ReferenceFileSystemConfig config() {
    ReferenceFileSystemConfig.Builder b = ReferenceFileSystemConfig.builder();
    RefsOptions global = global();
    if (global != null) {
      global.applyTo(b);
    }
    applyTo(b);
    return b.build();
  }

  /** Whether any of these options was given. */
  boolean given() {
    return root != null
        || remoteProtocol != null
        || defaultTarget != null
        || !templates.isEmpty()
        || !remoteOptions.isEmpty()
        || !allow.isEmpty()
        || view != null;
  }

  /** The options given before the subcommand, or null on the top command itself. */
  private RefsOptions global() {
    CommandSpec parent = mixee.parent();
    if (parent == null) {
      return null;
    }
    return parent.mixins().values().stream()
        .map(CommandSpec::userObject)
        .filter(RefsOptions.class::isInstance)
        .map(RefsOptions.class::cast)
        .findFirst()
        .orElse(null);
  }

  /** Sets the options given here; later calls override earlier ones. */
  private void applyTo(ReferenceFileSystemConfig.Builder b) {
    if (root != null) {
      b.root(root);
    }
    if (remoteProtocol != null) {
      b.remoteProtocol(remoteProtocol);
    }
    if (defaultTarget != null) {
      b.defaultTarget(defaultTarget);
    }
    templates.forEach(b::templateOverride);
    remoteOptions.forEach(b::remoteOption);
    allow.forEach(b::allowTarget); // the global and the subcommand's prefixes add up
    if (view != null) {
      b.view(view);
    }
  }

  FileSystem open(Path refs) throws IOException {
    return ReferenceFileSystems.newFileSystem(refs, config());
  }
}
