package io.refzarr.scan.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.nio.FileChannelFromSeekableByteChannel;
import io.jhdf.storage.HdfBackingStorage;
import io.jhdf.storage.HdfFileChannel;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * jhdf's view of the file with every size it is asked to read checked first. jhdf 0.13 allocates
 * each read (local heap segments, global heap collections, fractal heap blocks, B-tree nodes, chunk
 * index blocks, object headers) at the size the file claims before reading it, so a corrupt size
 * field cost the heap before the read failed. Every structure jhdf decodes is read through here: a
 * read that runs past the end of the file (which jhdf would fail anyway, after allocating) or is
 * larger than {@link #MAX_READ} fails before allocating, as a {@link DamagedStructureException}
 * naming the structure that asked for it and its byte offset.
 */
final class CheckedStorage implements HdfBackingStorage {
  /**
   * No metadata structure of a real file comes near this, and the data jhdf decodes for refzarr
   * (inlined or re-encoded chunks, variable-length strings) is held to 256 MiB by its callers.
   */
  static final long MAX_READ = 512L << 20;

  private static final Constructor<HdfFile> HDF_FILE = hdfFileConstructor();
  // jhdf's classes (and refzarr's readers of its structures) by name prefix, in words; first match
  private static final Map<String, String> STRUCTURES = new LinkedHashMap<>();

  static {
    STRUCTURES.put("io.jhdf.LocalHeap", "local heap");
    STRUCTURES.put("io.jhdf.GlobalHeap", "global heap collection");
    STRUCTURES.put("io.jhdf.FractalHeap$DirectBlock", "fractal heap direct block");
    STRUCTURES.put("io.jhdf.FractalHeap$IndirectBlock", "fractal heap indirect block");
    STRUCTURES.put("io.jhdf.FractalHeap", "fractal heap");
    STRUCTURES.put("io.jhdf.GroupSymbolTableNode", "symbol table node");
    STRUCTURES.put("io.jhdf.SymbolTableEntry", "symbol table entry");
    STRUCTURES.put("io.jhdf.btree.BTreeV1", "version-1 B-tree node");
    STRUCTURES.put("io.jhdf.btree.BTreeV2", "version-2 B-tree node");
    STRUCTURES.put("io.jhdf.ObjectHeader", "object header");
    STRUCTURES.put("io.refzarr.scan.hdf5.HeaderMessages", "object header");
    STRUCTURES.put("io.jhdf.dataset.chunked.indexing.FixedArrayIndex", "fixed array chunk index");
    STRUCTURES.put(
        "io.jhdf.dataset.chunked.indexing.ExtensibleArrayIndex", "extensible array chunk index");
    STRUCTURES.put("io.jhdf.dataset", "dataset data");
  }

  private final HdfBackingStorage jhdf;
  private final long fileSize;

  private CheckedStorage(HdfBackingStorage jhdf, long fileSize) {
    this.jhdf = jhdf;
    this.fileSize = fileSize;
  }

  /**
   * The file as jhdf's {@link HdfFile} does it (superblock at {@code offset}, after any user block)
   * but reading through a {@link CheckedStorage}; jhdf's own constructors build their storage
   * inside, so its constructor from a storage is called.
   */
  static HdfFile open(java.nio.channels.SeekableByteChannel channel, long offset)
      throws java.io.IOException {
    FileChannel fc = new FileChannelFromSeekableByteChannel(channel);
    Superblock sb = Superblock.readSuperblock(fc, offset);
    if (sb.getBaseAddressByte() != offset) {
      throw new DamagedStructureException(
          "superblock",
          offset,
          "base address " + sb.getBaseAddressByte() + " is not where the superblock is");
    }
    try {
      return HDF_FILE.newInstance(new CheckedStorage(new HdfFileChannel(fc, sb), channel.size()));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails, naming what asked, unless {@code length} bytes at {@code at} are in the file. */
  private void check(long at, long length) {
    if (length < 0 || at < 0 || length > MAX_READ || at > fileSize - length) {
      String why =
          length > MAX_READ && at >= 0 && at <= fileSize - length
              ? "more than the " + MAX_READ + " bytes refzarr reads for one structure"
              : "past the end of the file (" + fileSize + " bytes)";
      throw new DamagedStructureException(
          caller(), at, "claims " + length + " bytes at byte " + at + ", " + why);
    }
  }

  /** The structure whose decoder asked for the read: the nearest jhdf or refzarr reader. */
  private static String caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .map(StackWalker.StackFrame::getClassName)
                    .map(CheckedStorage::structure)
                    .filter(s -> s != null)
                    .findFirst())
        .orElse("structure");
  }

  private static String structure(String className) {
    for (Map.Entry<String, String> e : STRUCTURES.entrySet()) {
      if (className.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public ByteBuffer readBufferFromAddress(long address, int length) {
    check(address + getUserBlockSize(), length);
    return jhdf.readBufferFromAddress(address, length);
  }

  @Override
  public ByteBuffer map(long address, long length) {
    check(address + getUserBlockSize(), length);
    return jhdf.map(address, length);
  }

  @Override
  public ByteBuffer mapNoOffset(long address, long length) {
    check(address, length);
    return jhdf.mapNoOffset(address, length);
  }

  @Override
  public long getUserBlockSize() {
    return jhdf.getUserBlockSize();
  }

  @Override
  public Superblock getSuperblock() {
    return jhdf.getSuperblock();
  }

  @Override
  public FileChannel getFileChannel() {
    return jhdf.getFileChannel();
  }

  @Override
  public int getSizeOfOffsets() {
    return jhdf.getSizeOfOffsets();
  }

  @Override
  public int getSizeOfLengths() {
    return jhdf.getSizeOfLengths();
  }

  @Override
  public void close() {
    jhdf.close();
  }

  @Override
  public long size() {
    return fileSize;
  }

  /**
   * True: jhdf's {@link HdfFile#close} then neither looks for the path of a file it was not given
   * (it would fail) nor closes the channel, which its scanner closes.
   */
  @Override
  public boolean inMemory() {
    return true;
  }

  /** jhdf's private {@code HdfFile(HdfBackingStorage)}, the one that takes a storage. */
  private static Constructor<HdfFile> hdfFileConstructor() {
    try {
      Constructor<HdfFile> c = HdfFile.class.getDeclaredConstructor(HdfBackingStorage.class);
      c.setAccessible(true);
      return c;
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
