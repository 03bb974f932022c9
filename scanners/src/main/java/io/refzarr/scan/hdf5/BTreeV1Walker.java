package io.refzarr.scan.hdf5;

import io.refzarr.scan.MalformedFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks a version-1 B-tree of raw data chunks (node type 1), visiting leaf entries in key order.
 * Each node is checked: its signature, type, that levels fall by one per step and that no node is
 * visited twice, so a corrupt or cyclic tree fails fast with the offending address instead of
 * looping.
 */
final class BTreeV1Walker {
  private static final int MAX_LEVEL = 64;
  private final BlockCacheChannel file;
  private final long base;
  private final int offsetSize;
  private final int rank;
  private final int keySize;
  private final ChunkLocator.Visitor visitor;
  private final Set<Long> seen = new HashSet<>();
  private final long[] offset;
  private final String fileName;
  private final String object;
  private final int nodeType; // 1 chunk B-tree, 0 group B-tree

  BTreeV1Walker(
      BlockCacheChannel file,
      String fileName,
      String object,
      long base,
      int offsetSize,
      int rank,
      ChunkLocator.Visitor visitor) {
    this.file = file;
    this.fileName = fileName;
    this.object = object;
    this.base = base;
    this.offsetSize = offsetSize;
    this.rank = rank;
    this.keySize = 8 + 8 * (rank + 1);
    this.visitor = visitor;
    this.offset = new long[rank];
    this.nodeType = 1;
  }

  private BTreeV1Walker(
      BlockCacheChannel file,
      String fileName,
      String object,
      long base,
      int offsetSize,
      int lengthSize) {
    this.file = file;
    this.fileName = fileName;
    this.object = object;
    this.base = base;
    this.offsetSize = offsetSize;
    this.rank = 0;
    this.keySize = lengthSize; // a group node's key is an offset into the local heap
    this.visitor = null;
    this.offset = new long[0];
    this.nodeType = 0;
  }

  /**
   * Checks the B-tree of a symbol-table group as chunk trees are checked (signature, type, levels
   * falling by one, no node twice) before jhdf lists the group: jhdf follows the nodes recursively,
   * so a node pointing to itself would end in a stack overflow that cannot say where. Symbol table
   * nodes themselves (below level 0) are left to jhdf.
   */
  static void checkGroupTree(
      BlockCacheChannel file,
      String fileName,
      String object,
      long base,
      int offsetSize,
      int lengthSize,
      long root)
      throws IOException {
    new BTreeV1Walker(file, fileName, object, base, offsetSize, lengthSize).walk(root);
  }

  void walk(long root) throws IOException {
    node(root, -1);
  }

  private void node(long address, int expectedLevel) throws IOException {
    if (!seen.add(address)) {
      throw corrupt(address, "is reached twice (a cycle)");
    }
    int headerSize = 8 + 2 * offsetSize;
    ByteBuffer h = read(address, headerSize);
    if (h.getInt() != 0x45455254) { // "TREE" little-endian
      throw corrupt(address, "has no B-tree signature");
    }
    int type = h.get() & 0xff;
    int level = h.get() & 0xff;
    int entries = h.getShort() & 0xffff;
    if (type != nodeType) {
      throw corrupt(address, "is not a " + kind() + " node (type " + type + ")");
    }
    if (level > MAX_LEVEL || (expectedLevel >= 0 && level != expectedLevel)) {
      throw corrupt(
          address,
          "has level " + level + (expectedLevel >= 0 ? ", expected " + expectedLevel : ""));
    }
    ByteBuffer body = read(address + headerSize, entries * (keySize + offsetSize) + keySize);
    for (int i = 0; i < entries; i++) {
      int pos = i * (keySize + offsetSize);
      long child = address(body, pos + keySize);
      if (level == 0 && nodeType == 0) {
        continue; // a symbol table node
      }
      if (level == 0) {
        long size = body.getInt(pos) & 0xffffffffL;
        int mask = body.getInt(pos + 4);
        for (int d = 0; d < rank; d++) {
          offset[d] = body.getLong(pos + 8 + 8 * d);
        }
        visitor.chunk(offset, base + child, size, mask);
      } else {
        node(child, level - 1);
      }
    }
  }

  private MalformedFileException corrupt(long address, String what) {
    long at = base + address;
    return new MalformedFileException(
        fileName, at, object + ": " + kind() + " B-tree node at byte " + at + " " + what);
  }

  private String kind() {
    return nodeType == 1 ? "chunk" : "group";
  }

  private long address(ByteBuffer b, int pos) {
    return offsetSize == 8 ? b.getLong(pos) : b.getInt(pos) & 0xffffffffL;
  }

  private ByteBuffer read(long address, int length) throws IOException {
    long at = base + address;
    // checked before the buffer is allocated: a node's entry count is the file's claim
    if (at < 0 || at > file.size() - length) {
      throw corrupt(address, "runs past the end of the file (" + file.size() + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    if (file.readAt(buf, at) < length) {
      throw corrupt(address, "runs past the end of the file (" + file.size() + " bytes)");
    }
    return buf.flip();
  }
}
