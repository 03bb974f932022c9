package io.refzarr.scan.hdf5;

import io.jhdf.ObjectHeader;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataTypeMessage;
import java.lang.reflect.Field;
import java.util.BitSet;

/**
 * The datatype of a dataset whose datatype message is shared (the dataset uses a committed, named
 * datatype, as netCDF-4 does for its compound, enum and vlen types, and h5py for named types). jhdf
 * 0.13 parses the body of a shared message (a pointer to the committed datatype's object header) as
 * if it were the datatype itself, which reads as a "time" datatype (class 2) of nonsense size. The
 * pointer's bytes are still in what jhdf kept of the first 8 bytes (class and version, class bits,
 * size): a shared message of version 2 or 3 is {@code version, type 2, address}, so the first 6
 * bytes of the address are there; the committed datatype's header there is read and its datatype
 * used. Anything else (version-1 shared messages keep the address past byte 8; version-3 messages
 * that point into the shared-message heap) is reported, never guessed.
 */
final class SharedDatatypes {
  private static final Field CLASS_BITS = classBits();

  private SharedDatatypes() {}

  /** The dataset's datatype: the message's own, or the committed datatype it points to. */
  static DataType resolve(Hdf5Context ctx, DataTypeMessage message) throws Unsupported {
    DataType parsed = message.getDataType();
    if (!message.isMessageShared()) {
      return parsed;
    }
    byte[] head = firstBytes(parsed);
    int version = head[0] & 0xff;
    if ((version != 2 && version != 3) || head[1] != 2) {
      throw new Unsupported(
          "a committed (named) datatype referred to by a shared message of version "
              + version
              + " type "
              + head[1]
              + ", which refzarr's HDF5 reader (jhdf 0.13) cannot follow");
    }
    long address = 0;
    for (int i = 7; i >= 2; i--) {
      address = (address << 8) | (head[i] & 0xff);
    }
    if (address <= 0 || address >= ctx.channel().size()) {
      throw new Unsupported(
          "a committed (named) datatype at an address refzarr's HDF5 reader cannot reach");
    }
    try {
      ObjectHeader committed = ObjectHeader.readObjectHeader(ctx.storage(), address);
      DataTypeMessage m = committed.getMessageOfType(DataTypeMessage.class);
      if (m.isMessageShared()) {
        throw new Unsupported("a committed datatype that is itself shared");
      }
      return m.getDataType();
    } catch (RuntimeException e) {
      throw new Unsupported(
          "a committed (named) datatype that cannot be read: " + Failures.describe(e));
    }
  }

  /** The 8 bytes jhdf read as class-and-version, class bits and size (little-endian). */
  private static byte[] firstBytes(DataType t) throws Unsupported {
    byte[] b = new byte[8];
    b[0] = (byte) ((t.getVersion() << 4) | t.getDataClass());
    try {
      byte[] bits = ((BitSet) CLASS_BITS.get(t)).toByteArray();
      System.arraycopy(bits, 0, b, 1, Math.min(3, bits.length));
    } catch (IllegalAccessException e) {
      throw new Unsupported("a committed (named) datatype (jhdf's class bits are not readable)");
    }
    int size = t.getSize();
    for (int i = 0; i < 4; i++) {
      b[4 + i] = (byte) (size >>> (8 * i));
    }
    return b;
  }

  private static Field classBits() {
    try {
      Field f = DataType.class.getDeclaredField("classBits");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
