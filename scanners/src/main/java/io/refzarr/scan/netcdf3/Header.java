package io.refzarr.scan.netcdf3;

import java.util.List;

/**
 * A parsed netCDF3 header: what the file declares, validated for internal consistency (dimension
 * ids in range, sizes that fit in 64 bits) but not yet against the file's length.
 *
 * @param version 1 (classic), 2 (64-bit offset) or 5 (64-bit data)
 * @param numrecs the number of records the header claims, or {@link #STREAMING}
 * @param dimensions the dimensions in file order
 * @param attributes the global attributes
 * @param variables the variables in file order
 * @param length the number of header bytes
 */
record Header(
    int version,
    long numrecs,
    List<Dimension> dimensions,
    List<Attribute> attributes,
    List<Variable> variables,
    long length) {

  /**
   * {@link #numrecs} of a file still being written by a streaming writer: count from the file
   * length.
   */
  static final long STREAMING = -1;

  Header {
    dimensions = List.copyOf(dimensions);
    attributes = List.copyOf(attributes);
    variables = List.copyOf(variables);
  }

  /** A dimension; length 0 marks the record (unlimited) dimension. */
  record Dimension(String name, long length) {
    boolean isRecord() {
      return length == 0;
    }
  }

  /**
   * An attribute with its values as stored: {@code count} big-endian values of {@code type} ({@code
   * raw} holds exactly {@code count * type.size} bytes).
   */
  record Attribute(String name, NcType type, int count, byte[] raw) {}

  /**
   * A variable.
   *
   * @param name its name
   * @param dimensions its dimensions, the record dimension (if any) first
   * @param attributes its attributes
   * @param type its external type
   * @param begin the offset of its data (of its first record, for a record variable)
   * @param elementBytes bytes of one record (record variables) or of the whole array (fixed
   *     variables), unpadded
   * @param headerOffset where its entry starts in the header, for messages
   */
  record Variable(
      String name,
      List<Dimension> dimensions,
      List<Attribute> attributes,
      NcType type,
      long begin,
      long elementBytes,
      long headerOffset) {

    Variable {
      dimensions = List.copyOf(dimensions);
      attributes = List.copyOf(attributes);
    }

    boolean isRecord() {
      return !dimensions.isEmpty() && dimensions.get(0).isRecord();
    }

    /** The bytes one record of this variable occupies in a record: padded to 4 bytes. */
    long paddedBytes() {
      return (elementBytes + 3) & ~3L;
    }
  }
}
