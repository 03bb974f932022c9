package io.refzarr.lazy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes one record file in the layout fsspec reads: {@code optional binary path (STRING)}, {@code
 * required int64 offset}, {@code required int64 size}, {@code optional binary raw} without a string
 * annotation (so Python keeps the bytes as bytes), zstd, one row group of v1 data pages.
 *
 * <p>Encodings, chosen for size (a record file is mostly repeats): {@code path} and {@code size}
 * dictionary-encoded (one target and one chunk size make a one-entry dictionary and run-length
 * encoded indexes), {@code size} falling back to {@code DELTA_BINARY_PACKED} when its values are
 * too varied; {@code offset} always {@code DELTA_BINARY_PACKED}, since a scan's offsets climb by
 * about the chunk size (plain int64 costs 8 bytes a row before compression). fastparquet, pyarrow
 * and DuckDB all read these encodings in v1 pages; parquet-java's own v1 writer offers no delta
 * encoding and its v2 writer would also give {@code raw} {@code DELTA_BYTE_ARRAY}, which
 * fastparquet cannot read, so the columns are driven here directly with a values-writer factory.
 *
 * <p>Statistics on {@code offset}, {@code size} and {@code raw} only: fastparquet reads an integer
 * column without a null count as nullable and hands the offsets over as floats; the null count of
 * {@code raw} lets readers skip an all-null column. Pages of {@code pageRows} rows with an offset
 * index let readers decode one page per lookup.
 */
final class RecordWriter {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message schema { optional binary path (STRING); required int64 offset; required int64 size;"
              + " optional binary raw; }");

  /**
   * Key-value metadata naming the rows per page, so readers need not parse a page index to know it.
   */
  static final String PAGE_ROWS_KEY = "refzarr.page_rows";

  private static final ColumnDescriptor PATH = column("path");
  private static final ColumnDescriptor OFFSET = column("offset");
  private static final ColumnDescriptor SIZE = column("size");
  private static final ColumnDescriptor RAW = column("raw");

  private RecordWriter() {}

  private static ColumnDescriptor column(String name) {
    return SCHEMA.getColumnDescription(new String[] {name});
  }

  static void write(Path file, RecordBuffer buffer, List<Binary> paths, int pageRows)
      throws IOException {
    ParquetProperties props = properties(pageRows);
    ParquetFileWriter out =
        new ParquetFileWriter(
            new NioOutputFile(file),
            SCHEMA,
            ParquetFileWriter.Mode.OVERWRITE,
            Long.MAX_VALUE,
            0,
            null,
            props);
    boolean done = false;
    try (ColumnChunkPageWriteStore pages =
        new ColumnChunkPageWriteStore(
            Codecs.INSTANCE.getCompressor(CompressionCodecName.ZSTD),
            SCHEMA,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled())) {
      out.start();
      ColumnWriteStore columns = props.newColumnWriteStore(SCHEMA, pages, pages);
      writeRows(columns, buffer, paths);
      out.startBlock(buffer.rows());
      columns.flush();
      pages.flushToFileWriter(out);
      out.endBlock();
      columns.close();
      out.end(Map.of(PAGE_ROWS_KEY, Integer.toString(pageRows)));
      done = true;
    } finally {
      if (!done) {
        out.abort();
      }
    }
  }

  private static ParquetProperties properties(int pageRows) {
    return ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withValuesWriterFactory(new Encodings())
        .withDictionaryEncoding(false)
        .withDictionaryEncoding("path", true)
        .withDictionaryEncoding("size", true)
        .withStatisticsEnabled(false)
        .withStatisticsEnabled("offset", true)
        .withStatisticsEnabled("size", true)
        .withStatisticsEnabled("raw", true)
        .withStatisticsTruncateLength(16)
        .withSizeStatisticsEnabled(false)
        .withPageWriteChecksumEnabled(false)
        .withPageRowCountLimit(pageRows)
        .withRowGroupRowCountLimit(Integer.MAX_VALUE)
        .build();
  }

  /** Row {@code n} of the buffer into each column; no record assembly, no per-row objects. */
  private static void writeRows(ColumnWriteStore columns, RecordBuffer buffer, List<Binary> paths) {
    ColumnWriter path = columns.getColumnWriter(PATH);
    ColumnWriter offset = columns.getColumnWriter(OFFSET);
    ColumnWriter size = columns.getColumnWriter(SIZE);
    ColumnWriter raw = columns.getColumnWriter(RAW);
    for (int row = 0; row < buffer.rows(); row++) {
      int id = buffer.pathId(row);
      if (id == RowBlock.NULL) {
        path.writeNull(0, 0);
      } else {
        path.write(paths.get(id), 0, 1);
      }
      offset.write(buffer.offset(row), 0, 0);
      size.write(buffer.size(row), 0, 0);
      byte[] bytes = buffer.raw(row);
      if (bytes == null) {
        raw.writeNull(0, 0);
      } else {
        raw.write(Binary.fromConstantByteArray(bytes), 0, 1);
      }
      columns.endRecord();
    }
  }

  /**
   * parquet-java's v1 choices, except for int64: {@code DELTA_BINARY_PACKED} instead of plain,
   * behind a dictionary where one is enabled.
   */
  private static final class Encodings implements ValuesWriterFactory {
    private final DefaultV1ValuesWriterFactory v1 = new DefaultV1ValuesWriterFactory();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
      this.props = properties;
      v1.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor c) {
      if (c.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT64) {
        return v1.newValuesWriter(c);
      }
      ValuesWriter delta =
          new DeltaBinaryPackingValuesWriterForLong(
              props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator());
      if (!props.isDictionaryEnabled(c)) {
        return delta;
      }
      return FallbackValuesWriter.of(
          new DictionaryValuesWriter.PlainLongDictionaryValuesWriter(
              props.getDictionaryPageSizeThreshold(),
              Encoding.PLAIN_DICTIONARY,
              Encoding.PLAIN_DICTIONARY,
              props.getAllocator()),
          delta);
    }
  }
}
