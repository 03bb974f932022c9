package io.refzarr.scan.hdf5;

/**
 * A structure of the file whose own size or framing is impossible (a size past the end of the file,
 * a continuation loop), found before anything was allocated for it. Unchecked, as it is thrown from
 * inside jhdf's decoding; {@link Hdf5Scanner#convert} turns it into a {@link
 * io.refzarr.scan.MalformedFileException} at the offset, {@link Failures} into a skip reason.
 */
class DamagedStructureException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String structure;
  private final long offset;

  /**
   * @param structure what the damaged part is, in words ("local heap")
   * @param offset its byte offset in the file (user block included), or -1 when not known
   * @param detail what is wrong with it
   */
  DamagedStructureException(String structure, long offset, String detail) {
    super(detail);
    this.structure = structure;
    this.offset = offset;
  }

  String structure() {
    return structure;
  }

  long offset() {
    return offset;
  }
}
