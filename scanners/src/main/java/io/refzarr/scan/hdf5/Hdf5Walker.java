package io.refzarr.scan.hdf5;

import io.jhdf.AttributeImpl;
import io.jhdf.Constants;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.UnsupportedHdfException;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.SymbolTableMessage;
import io.jhdf.storage.HdfBackingStorage;
import io.refzarr.refs.StoreKeys;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.UnsupportedFeatureException;
import io.refzarr.zarr.ZarrKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Visits every group and dataset once (as h5py's {@code visititems}: hard links to objects already
 * seen and cycles are not followed again; soft and external links are not followed, as kerchunk's
 * default), writes groups, then translates datasets once every object's address is known (dimension
 * scales may be anywhere in the file). Per-object failures are applied to the error policy here.
 */
final class Hdf5Walker {
  private final Hdf5Context ctx;
  private final ErrorPolicy policy;
  private final Set<Long> visited = new HashSet<>();
  private final Map<String, Dataset> datasets = new LinkedHashMap<>();

  Hdf5Walker(Hdf5Context ctx, ErrorPolicy policy) {
    this.ctx = ctx;
    this.policy = policy;
  }

  void walk(Group root) throws IOException {
    try { // framed by refzarr first: jhdf allocates whatever size a header claims before reading it
      HeaderMessages.read(ctx.storage(), root.getAddress());
    } catch (RuntimeException x) {
      throw new MalformedFileException(
          ctx.file(),
          root.getAddress(),
          "the root group's object header cannot be read: " + Failures.describe(x));
    }
    visited.add(root.getAddress());
    ctx.scales().register(root.getAddress(), "");
    group(root, "");
    DatasetTranslator translator = new DatasetTranslator(ctx, policy);
    for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
      String path = e.getKey();
      try {
        translator.translate(path, e.getValue());
      } catch (Unsupported u) {
        unsupported(path, u.getMessage());
      } catch (UnsupportedHdfException u) {
        unsupported(path, u.getMessage());
      } catch (RuntimeException x) {
        if (policy == ErrorPolicy.FAIL) {
          throw Hdf5Scanner.convert(ctx.file(), "/" + path, x);
        }
        ctx.log().skip("/" + path, Failures.describe(x));
      }
    }
  }

  private void group(Group g, String path) throws IOException {
    try {
      checkGroupTree(g, path);
    } catch (RuntimeException x) {
      // the object header could not be read here: listing the group below reports it
    }
    Map<String, Object> attrs = groupAttributes(g, path);
    Map<String, Object> children = children(g, path);
    ctx.log().put(ZarrKeys.join(path, ZarrKeys.ZGROUP), ZarrMetadata.group());
    ctx.log().put(ZarrKeys.join(path, ZarrKeys.ZATTRS), ZarrMetadata.attrs(attrs));
    for (Map.Entry<String, Object> e : children.entrySet()) {
      String notKey = StoreKeys.segmentProblem(e.getKey()); // the link name becomes a key segment
      if (notKey != null) {
        // a link's own address is its target's, which jhdf resolves (and may fail to): not asked
        long address =
            e.getValue() instanceof Node n && !n.isLink() ? n.getAddress() : g.getAddress();
        throw new MalformedFileException(
            ctx.file(),
            address,
            "/"
                + path
                + ": link name "
                + StoreKeys.quote(e.getKey())
                + " cannot name a Zarr node: "
                + notKey);
      }
      String childPath = ZarrKeys.join(path, e.getKey());
      if (e.getValue() instanceof GroupListing.Failed f) {
        unsupported(childPath, f.reason());
        continue;
      }
      Node child = (Node) e.getValue();
      if (child.isLink()) {
        ctx.log().note("/" + childPath + ": link not followed");
        continue;
      }
      if (!visited.add(child.getAddress())) {
        continue; // a second hard link to an object already visited, or a cycle
      }
      ctx.scales().register(child.getAddress(), childPath);
      if (child instanceof Group) {
        group((Group) child, childPath);
      } else if (child instanceof Dataset) {
        datasets.put(childPath, (Dataset) child);
      }
    }
  }

  /** The group's attributes; under SKIP, attributes jhdf cannot load are left out and reported. */
  private Map<String, Object> groupAttributes(Group g, String path) throws IOException {
    Map<String, Attribute> loaded;
    try {
      loaded = g.getAttributes();
    } catch (RuntimeException x) {
      if (policy == ErrorPolicy.FAIL) {
        throw Hdf5Scanner.convert(ctx.file(), "/" + path, x);
      }
      return attributesOneByOne(g, path, x);
    }
    return converted(loaded, path);
  }

  /** Zarr attributes; those with no JSON form are noted as left out. */
  private Map<String, Object> converted(Map<String, Attribute> loaded, String path) {
    List<String> dropped = new ArrayList<>();
    Map<String, Object> attrs = AttributeMapper.convert(loaded, dropped);
    for (String name : dropped) {
      ctx.log().note("/" + path + ": attribute " + name + " has no JSON form and was left out");
    }
    return attrs;
  }

  /**
   * The attributes of a group whose header jhdf cannot decode whole (region references in one
   * attribute lose the others, and with the root group's header the whole file): the header is
   * framed by refzarr ({@link HeaderMessages}), each attribute message decoded on its own; those
   * jhdf cannot decode are left out and reported by name. Attributes in dense storage (a fractal
   * heap) are not read here: they are left out and reported together.
   */
  private Map<String, Object> attributesOneByOne(Group g, String path, RuntimeException x)
      throws IOException {
    HeaderMessages header;
    try {
      header = HeaderMessages.read(ctx.storage(), g.getAddress());
    } catch (RuntimeException y) {
      unsupportedAttributes(path, x);
      return Map.of();
    }
    for (AttributeInfoMessage info : header.ofType(AttributeInfoMessage.class)) {
      if (info.getFractalHeapAddress() != Constants.UNDEFINED_ADDRESS) {
        unsupportedAttributes(path, x);
        return Map.of();
      }
    }
    Map<String, Attribute> loaded = new LinkedHashMap<>();
    for (AttributeMessage m : header.ofType(AttributeMessage.class)) {
      loaded.put(m.getName(), new AttributeImpl(ctx.storage(), g, m));
    }
    for (HeaderMessages.Unread u : header.unread()) {
      if (u.type() == HeaderMessages.ATTRIBUTE) {
        String name = u.name() != null ? u.name() : "(unnamed)";
        ctx.log()
            .skip(
                "/" + path + " (attribute " + name + ")",
                "attribute left out: " + Failures.describe(u.cause()));
      }
    }
    return converted(loaded, path);
  }

  /**
   * The group's children (jhdf {@link Node}s). jhdf reads every child's header to list a group, so
   * one child it cannot read would hide the whole group: under SKIP the group is then listed link
   * by link ({@link GroupListing}), and only the children that cannot be opened are left out and
   * reported.
   */
  private Map<String, Object> children(Group g, String path) throws IOException {
    try {
      java.util.Optional<String> damaged = GroupListing.damagedChild(g, ctx.storage());
      if (damaged.isPresent()) {
        throw new HeaderMessages.FramingException(damaged.get());
      }
      return new TreeMap<>(g.getChildren());
    } catch (RuntimeException x) {
      if (policy == ErrorPolicy.FAIL) {
        throw Hdf5Scanner.convert(ctx.file(), "/" + path, x);
      }
      try {
        return GroupListing.children(g, ctx.storage());
      } catch (RuntimeException y) {
        if (path.isEmpty() && Failures.damaged(y) != null) { // the root's own structures
          throw Hdf5Scanner.convert(ctx.file(), "/", y);
        }
        if (path.isEmpty()) { // the root group has nothing to fall back on
          UnsupportedFeatureException u =
              new UnsupportedFeatureException(
                  ctx.file(), "/", "the root group cannot be listed: " + Failures.describe(y));
          u.initCause(x);
          throw u;
        }
        ctx.log().skip("/" + path, "group cannot be listed: " + Failures.describe(y));
        return Map.of();
      }
    }
  }

  /** Attributes jhdf cannot load: fail (FAIL) or report them and go on without them (SKIP). */
  void unsupportedAttributes(String path, RuntimeException x) throws IOException {
    if (policy == ErrorPolicy.FAIL) {
      throw Hdf5Scanner.convert(ctx.file(), "/" + path, x);
    }
    ctx.log().skip("/" + path + " (attributes)", "attributes left out: " + Failures.describe(x));
  }

  private void checkGroupTree(Group g, String path) throws IOException {
    HdfBackingStorage storage = ctx.storage();
    HeaderMessages header = HeaderMessages.read(storage, g.getAddress());
    for (SymbolTableMessage table : header.ofType(SymbolTableMessage.class)) {
      BTreeV1Walker.checkGroupTree(
          ctx.channel(),
          ctx.file(),
          "/" + path,
          storage.getUserBlockSize(),
          storage.getSizeOfOffsets(),
          storage.getSizeOfLengths(),
          table.getBTreeAddress());
    }
  }

  private void unsupported(String path, String reason) throws UnsupportedFeatureException {
    if (policy == ErrorPolicy.FAIL) {
      throw new UnsupportedFeatureException(ctx.file(), "/" + path, reason);
    }
    ctx.log().skip("/" + path, reason);
  }
}
