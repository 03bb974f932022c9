package io.refzarr.bridge.codec;

/**
 * The size one decoding step may produce: exactly {@code bytes} (the chunk's size, or the size the
 * filters after the step turn into it), or at most {@code bytes} where no exact size follows from
 * the metadata (before a compressor or a shard, or in a chunk of strings). Sizes an input claims
 * and the output itself are checked against it before anything of that size is allocated, so a
 * small chunk can never decode to more than the array needs.
 *
 * @param bytes the size, or the bound
 * @param exact {@code bytes} is the size itself, not a bound
 */
record OutputSize(int bytes, boolean exact) {
  /** The bound of a chunk of strings ({@code vlen-utf8}), whose size is known only once decoded. */
  static final int STRINGS_CAP = 1 << 28;

  // The largest Java array: a bound beyond it bounds nothing.
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
  // What encoding may add to a step's input: compressors expand incompressible data by well under
  // a quarter (stored blocks, literal runs, a Blosc copy frame) plus headers, the largest a zip
  // member's local header (name and extra field of up to 64 KiB each).
  private static final int ENCODING_SLACK = 1 << 18;

  OutputSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
  }

  static OutputSize exactly(int bytes) {
    return new OutputSize(bytes, true);
  }

  static OutputSize atMost(long bytes) {
    return new OutputSize((int) Math.min(bytes, MAX_ARRAY), false);
  }

  /** The size of the input of a step that adds {@code n} bytes (a checksum) to this output. */
  OutputSize plus(int n) {
    return exact ? exactly(bytes + n) : atMost((long) bytes + n);
  }

  /**
   * The size of the input of a step that turns items of {@code from} bytes into items of {@code to}
   * bytes: exact if this output holds whole items.
   */
  OutputSize items(int from, int to) {
    long n = (long) bytes / to * from;
    return exact && bytes % to == 0 ? exactly((int) n) : atMost(n + from);
  }

  /** The bound of the input of a compressor whose output this is. */
  OutputSize compressed() {
    return atMost(bytes + bytes / 4L + ENCODING_SLACK);
  }

  /**
   * Refuses a size the input claims ({@code what}: a header's, a size prefix's) that this output
   * cannot have, before the caller allocates it.
   */
  void checkClaim(String codec, String what, long claimed) throws CodecException {
    if (exact ? claimed != bytes : claimed < 0 || claimed > bytes) {
      throw new CodecException(codec + " " + what + " claims " + claimed + " bytes, " + limit());
    }
  }

  /** Refuses {@code got} output bytes that this output cannot have. */
  void checkOutput(String codec, long got) throws CodecException {
    if (exact ? got != bytes : got > bytes) {
      throw new CodecException(codec + " decodes to " + got + " bytes, " + limit());
    }
  }

  /** What is allowed, for messages. */
  String limit() {
    return exact ? "expected " + bytes : "more than the " + bytes + " this chunk may hold";
  }
}
