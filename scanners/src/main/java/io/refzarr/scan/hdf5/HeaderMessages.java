package io.refzarr.scan.hdf5;

import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An object header's messages, each decoded on its own. jhdf 0.13 decodes a header whole, so one
 * message it cannot parse (an attribute holding region references, a link of a user-defined type)
 * loses the header, and with the root group's header the whole file. Here the header is framed by
 * refzarr (object header versions 1 and 2, continuation blocks followed) and each message is handed
 * to jhdf's decoder alone: the messages it decodes are kept, the others are listed as {@link
 * Unread} with the reason and, for attributes and links, their name.
 */
final class HeaderMessages {
  private static final int CONTINUATION = 0x10;
  static final int LINK = 0x06;
  static final int ATTRIBUTE = 0x0C;
  private static final byte[] OHDR = {'O', 'H', 'D', 'R'};
  private static final byte[] OCHK = {'O', 'C', 'H', 'K'};
  // more continuation blocks than this is a loop or a corrupt header, not a real file
  private static final int MAX_BLOCKS = 1 << 10;

  /** A message jhdf could not decode: its type, the attribute or link name where known, why. */
  record Unread(int type, String name, RuntimeException cause) {}

  /** A header whose own framing is broken (sizes past the file, loops), in words for the report. */
  static final class FramingException extends DamagedStructureException {
    private static final long serialVersionUID = 1L;

    FramingException(String message) {
      super("object header", -1, message);
    }
  }

  private final List<Message> messages = new ArrayList<>();
  private final List<Unread> unread = new ArrayList<>();
  private final HdfBackingStorage storage;
  private final Set<Long> blocks = new HashSet<>();
  private final Boolean orderTracked; // null: a version-1 header
  private int countLeft; // version 1: the messages the prefix announces that are still to read

  private HeaderMessages(HdfBackingStorage storage, Boolean orderTracked, int count) {
    this.storage = storage;
    this.orderTracked = orderTracked;
    this.countLeft = count;
  }

  /**
   * The messages of the object header at {@code address}; fails (a jhdf or refzarr runtime
   * exception) only when the header's own framing cannot be read.
   */
  static HeaderMessages read(HdfBackingStorage storage, long address) {
    ByteBuffer first = storage.readBufferFromAddress(address, 5);
    if (first.get(0) == 1) {
      return readV1(storage, address);
    }
    if (matches(first, 0, OHDR)) {
      return readV2(storage, address);
    }
    throw new FramingException(
        "no object header (version " + first.get(0) + ") at address " + address);
  }

  List<Message> messages() {
    return messages;
  }

  <T extends Message> List<T> ofType(Class<T> type) {
    return messages.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Unread> unread() {
    return unread;
  }

  /**
   * Version 1: a 16-byte prefix (version, reserved, message count, reference count, size of the
   * first block, padding), then messages of an 8-byte header (type 2, size 2, flags 1, reserved 3)
   * and an 8-byte-aligned body; continuation blocks hold messages only.
   */
  private static HeaderMessages readV1(HdfBackingStorage storage, long address) {
    ByteBuffer prefix = storage.readBufferFromAddress(address, 16).order(ByteOrder.LITTLE_ENDIAN);
    HeaderMessages h = new HeaderMessages(storage, null, Short.toUnsignedInt(prefix.getShort(2)));
    h.block(address + 16, Integer.toUnsignedLong(prefix.getInt(8)), false);
    return h;
  }

  /**
   * Version 2: "OHDR", version, flags (bits 0-1: width of the first block's size; 2: creation order
   * stored per message; 4: attribute phase change values; 5: times), then messages of a 4- or
   * 6-byte header (type 1, size 2, flags 1, creation order 2) until a gap too small for one, and a
   * checksum; continuation blocks start with "OCHK" and end with a checksum.
   */
  private static HeaderMessages readV2(HdfBackingStorage storage, long address) {
    int flags = Byte.toUnsignedInt(storage.readBufferFromAddress(address, 6).get(5));
    int at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int width = 1 << (flags & 3);
    long size = unsigned(storage.readBufferFromAddress(address + at, width), 0, width);
    HeaderMessages h = new HeaderMessages(storage, (flags & 0x04) != 0, Integer.MAX_VALUE);
    h.block(address + at + width, size, false);
    return h;
  }

  /**
   * The messages of one block, in order; a continuation's block is read where its message stands
   * (the order jhdf lists them in, so attributes come out as on jhdf's own path).
   */
  private void block(long address, long size, boolean continuation) {
    if (!blocks.add(address) || blocks.size() > MAX_BLOCKS) {
      throw new FramingException(
          "object header continuation loop (or over "
              + MAX_BLOCKS
              + " blocks) at address "
              + address);
    }
    if (size
        > storage
            .size()) { // checked before the buffer is allocated: a corrupt size costs no memory
      throw new FramingException(
          "object header block of " + size + " bytes at address " + address + " in a smaller file");
    }
    ByteBuffer buf = storage.readBufferFromAddress(address, toInt(size));
    if (continuation && orderTracked != null) { // "OCHK", messages, checksum
      if (buf.remaining() < 8 || !matches(buf, 0, OCHK)) {
        throw new FramingException("no continuation block at address " + address);
      }
      buf = slice(buf, 4, buf.remaining() - 8);
    }
    buf.order(ByteOrder.LITTLE_ENDIAN);
    int headerSize = orderTracked == null ? 8 : orderTracked ? 6 : 4;
    while (buf.remaining() >= headerSize && countLeft > 0) {
      int start = buf.position();
      int type;
      int bodySize;
      if (orderTracked == null) {
        type = Short.toUnsignedInt(buf.getShort(start));
        bodySize = Short.toUnsignedInt(buf.getShort(start + 2));
      } else {
        type = Byte.toUnsignedInt(buf.get(start));
        bodySize = Short.toUnsignedInt(buf.getShort(start + 1));
      }
      countLeft--;
      decode(slice(buf, start, headerSize + bodySize), headerSize, type);
      int next = start + headerSize + (orderTracked == null ? align8(bodySize) : bodySize);
      buf.position(Math.min(buf.limit(), next));
    }
  }

  /** One message: a continuation's block is read, any other message goes to jhdf's decoder. */
  private void decode(ByteBuffer message, int headerSize, int type) {
    if (type == CONTINUATION) {
      int offsets = storage.getSizeOfOffsets();
      block(
          unsigned(message, headerSize, offsets),
          unsigned(message, headerSize + offsets, storage.getSizeOfLengths()),
          true);
      return;
    }
    try {
      messages.add(
          orderTracked == null
              ? Message.readObjectHeaderV1Message(message, storage)
              : Message.readObjectHeaderV2Message(message, storage, orderTracked));
    } catch (RuntimeException e) {
      unread.add(new Unread(type, name(type, slice(message, headerSize)), e));
    }
  }

  /**
   * The name an attribute or link message gives, or null: attribute versions 1 and 2 keep it at
   * byte 8 (after the sizes of name, datatype and dataspace), version 3 at byte 9 (after the
   * encoding); a link message after its optional type, creation order and charset fields.
   */
  static String name(int type, ByteBuffer body) {
    try {
      body.order(ByteOrder.LITTLE_ENDIAN);
      if (type == ATTRIBUTE) {
        int version = body.get(0);
        int length = Short.toUnsignedInt(body.getShort(2));
        return text(body, version >= 3 ? 9 : 8, length);
      }
      if (type == LINK) {
        int flags = Byte.toUnsignedInt(body.get(1));
        int at = 2 + ((flags & 0x08) != 0 ? 1 : 0) + ((flags & 0x04) != 0 ? 8 : 0);
        at += (flags & 0x10) != 0 ? 1 : 0;
        int width = 1 << (flags & 3);
        return text(body, at + width, toInt(unsigned(body, at, width)));
      }
    } catch (RuntimeException e) {
      // a name field that runs past the message: no name to give
    }
    return null;
  }

  private static String text(ByteBuffer body, int at, int length) {
    byte[] b = new byte[length];
    body.get(at, b);
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  private static ByteBuffer slice(ByteBuffer buf, int at) {
    return slice(buf, at, buf.limit() - at);
  }

  private static ByteBuffer slice(ByteBuffer buf, int at, int length) {
    if (length < 0 || at + length > buf.limit()) {
      throw new FramingException(
          "object header message runs past its block (" + length + " bytes at " + at + ")");
    }
    return buf.slice(at, length).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static boolean matches(ByteBuffer buf, int at, byte[] signature) {
    for (int i = 0; i < signature.length; i++) {
      if (buf.get(at + i) != signature[i]) {
        return false;
      }
    }
    return true;
  }

  private static long unsigned(ByteBuffer buf, int at, int width) {
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | Byte.toUnsignedLong(buf.get(at + i));
    }
    return v;
  }

  private static int align8(int n) {
    return (n + 7) & ~7;
  }

  private static int toInt(long n) {
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new FramingException("object header block of " + n + " bytes");
    }
    return (int) n;
  }
}
