package io.refzarr.refs;

/**
 * Options for writing a reference set with {@link ReferenceSets#sink}; each output form uses the
 * ones that concern it and ignores the rest (JSON uses none).
 *
 * @param recordSize references per record file, for forms that split chunk references into files of
 *     a fixed number of rows (fsspec's Parquet {@code record_size})
 */
public record SinkOptions(int recordSize) {

  /** record_size 100,000 (as kerchunk's {@code refs_to_dataframe}). */
  public static final SinkOptions DEFAULT = new SinkOptions(100_000);

  public SinkOptions {
    if (recordSize <= 0) {
      throw new IllegalArgumentException("recordSize must be positive: " + recordSize);
    }
  }

  /** A copy with another record size. */
  public SinkOptions withRecordSize(int n) {
    return new SinkOptions(n);
  }
}
