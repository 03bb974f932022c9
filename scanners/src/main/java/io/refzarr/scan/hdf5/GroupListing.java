package io.refzarr.scan.hdf5;

import io.jhdf.Constants;
import io.jhdf.FractalHeap;
import io.jhdf.GroupSymbolTableNode;
import io.jhdf.LocalHeap;
import io.jhdf.ObjectHeader;
import io.jhdf.SymbolTableEntry;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.btree.BTreeV1;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.LinkNameForIndexedGroupRecord;
import io.jhdf.dataset.DatasetLoader;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.SymbolTableMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's children one by one, for when jhdf cannot list the group: jhdf 0.13 reads every child's
 * object header to list a group, so one child it cannot read (a user-defined link, a
 * region-reference or opaque datatype it misparses) fails the listing of all. Here the links are
 * read from the group's own storage (symbol table, or link messages in the header or in the fractal
 * heap) and each child is opened on its own; a child that cannot be opened becomes a {@link Failed}
 * entry with the reason, the others are kept.
 */
final class GroupListing {
  private static final Method CREATE_GROUP = createGroupMethod();

  /** A child that could not be opened, and why (in words). */
  record Failed(String reason) {}

  private GroupListing() {}

  /**
   * The children of {@code g} by name: a jhdf {@link Node}, or {@link Failed}. Soft and external
   * links are left out (they are not followed); a link record that cannot be read is listed under a
   * made-up name {@code <link N>}.
   */
  static Map<String, Object> children(Group g, HdfBackingStorage storage) {
    return listing(g, storage, (name, address) -> open(g, storage, name, address));
  }

  /**
   * Why the header of one of {@code g}'s children cannot even be framed (a size past the end of the
   * file, say), if one cannot: jhdf's own listing reads every child's header and allocates whatever
   * size it claims, so such a group must be listed here instead.
   */
  static java.util.Optional<String> damagedChild(Group g, HdfBackingStorage storage) {
    Map<String, Object> framed =
        listing(
            g,
            storage,
            (name, address) -> {
              try {
                HeaderMessages.read(storage, address);
                return address;
              } catch (DamagedStructureException e) {
                return new Failed(name + ": " + Failures.describe(e));
              } catch (RuntimeException e) {
                return address; // jhdf's listing reports what it cannot decode itself
              }
            });
    return framed.values().stream()
        .filter(Failed.class::isInstance)
        .map(f -> ((Failed) f).reason())
        .findFirst();
  }

  /** Opens (or checks) the child linked under {@code name} at {@code address}. */
  @FunctionalInterface
  private interface Opener {
    Object open(String name, long address);
  }

  private static Map<String, Object> listing(Group g, HdfBackingStorage storage, Opener opener) {
    // refzarr frames the header: jhdf would fail the whole header (the root's: the whole file) on
    // one message it cannot decode, such as an attribute holding region references
    HeaderMessages header = HeaderMessages.read(storage, g.getAddress());
    Map<String, Object> out = new TreeMap<>();
    List<SymbolTableMessage> tables = header.ofType(SymbolTableMessage.class);
    List<LinkInfoMessage> infos = header.ofType(LinkInfoMessage.class);
    if (!tables.isEmpty()) {
      symbolTable(storage, tables.get(0), opener, out);
    } else if (!infos.isEmpty()
        && infos.get(0).getFractalHeapAddress() != Constants.UNDEFINED_ADDRESS) {
      denseLinks(storage, infos.get(0), opener, out);
    } else {
      for (LinkMessage link : header.ofType(LinkMessage.class)) {
        link(link, opener, out);
      }
    }
    int n = 0;
    for (HeaderMessages.Unread u : header.unread()) {
      n++;
      if (u.type() == HeaderMessages.LINK) {
        out.put(
            u.name() != null ? u.name() : "<link " + n + ">", new Failed(linkReason(u.cause())));
      }
    }
    return out;
  }

  /** Why a link record cannot be followed: a user-defined link type, or what jhdf said. */
  private static String linkReason(RuntimeException e) {
    String reason = Failures.describe(e);
    return reason.startsWith("a user-defined link")
        ? reason
        : "a link of a kind refzarr does not follow (" + reason + ")";
  }

  private static void symbolTable(
      HdfBackingStorage storage, SymbolTableMessage stm, Opener opener, Map<String, Object> out) {
    ByteBuffer names = new LocalHeap(storage, stm.getLocalHeapAddress()).getDataBuffer();
    for (long node : BTreeV1.createGroupBTree(storage, stm.getBTreeAddress()).getChildAddresses()) {
      for (SymbolTableEntry e : new GroupSymbolTableNode(storage, node).getSymbolTableEntries()) {
        String name = cString(names, e.getLinkNameOffset());
        if (e.getCacheType() == 2) {
          continue; // a soft link: not followed
        }
        out.put(name, opener.open(name, e.getObjectHeaderAddress()));
      }
    }
  }

  private static void denseLinks(
      HdfBackingStorage storage, LinkInfoMessage info, Opener opener, Map<String, Object> out) {
    FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
    List<LinkNameForIndexedGroupRecord> records =
        new BTreeV2<LinkNameForIndexedGroupRecord>(storage, info.getBTreeNameIndexAddress())
            .getRecords();
    int n = 0;
    for (LinkNameForIndexedGroupRecord r : records) {
      n++;
      LinkMessage link;
      try {
        link = LinkMessage.fromBuffer(heap.getId(r.getId()), storage.getSuperblock());
      } catch (RuntimeException e) {
        out.put(
            "<link " + n + ">",
            new Failed(
                "a link of a kind refzarr does not follow (user-defined"
                    + " link types have no Zarr form)"));
        continue;
      }
      link(link, opener, out);
    }
  }

  private static void link(LinkMessage link, Opener opener, Map<String, Object> out) {
    if (link.getLinkType() == LinkMessage.LinkType.HARD) {
      out.put(link.getLinkName(), opener.open(link.getLinkName(), link.getHardLinkAddress()));
    }
  }

  /**
   * One child, opened as jhdf's own listing would: a dataset, a group, or (left out) a committed
   * datatype.
   */
  private static Object open(Group parent, HdfBackingStorage storage, String name, long address) {
    try {
      // framed by refzarr first: jhdf allocates whatever size a header claims before reading it
      HeaderMessages.read(storage, address);
      ObjectHeader header;
      try {
        header = ObjectHeader.readObjectHeader(storage, address);
      } catch (RuntimeException e) {
        if (!isGroup(storage, address)) {
          throw e;
        }
        // a group whose header jhdf cannot decode whole: opened all the same, its attributes and
        // links are then read message by message
        return CREATE_GROUP.invoke(null, storage, address, name, parent);
      }
      if (header.hasMessageOfType(DataLayoutMessage.class)) {
        return DatasetLoader.createDataset(storage, header, name, parent);
      }
      if (header.hasMessageOfType(DataTypeMessage.class)) {
        return new Failed("a committed datatype, not an array");
      }
      return CREATE_GROUP.invoke(null, storage, address, name, parent);
    } catch (ReflectiveOperationException e) {
      return new Failed(Failures.describe(e.getCause() != null ? e.getCause() : e));
    } catch (RuntimeException e) {
      return new Failed(Failures.describe(e));
    }
  }

  /** Whether the header at {@code address}, framed by refzarr, is a group's (holds its links). */
  private static boolean isGroup(HdfBackingStorage storage, long address) {
    try {
      HeaderMessages h = HeaderMessages.read(storage, address);
      return !h.ofType(SymbolTableMessage.class).isEmpty()
          || !h.ofType(LinkInfoMessage.class).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String cString(ByteBuffer buf, int offset) {
    int end = offset;
    while (end < buf.limit() && buf.get(end) != 0) {
      end++;
    }
    byte[] b = new byte[end - offset];
    buf.duplicate().position(offset).get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * jhdf's package-private {@code GroupImpl.createGroup}: the only way to open a group by its
   * address.
   */
  private static Method createGroupMethod() {
    try {
      Method m =
          Class.forName("io.jhdf.GroupImpl")
              .getDeclaredMethod(
                  "createGroup", HdfBackingStorage.class, long.class, String.class, Group.class);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
