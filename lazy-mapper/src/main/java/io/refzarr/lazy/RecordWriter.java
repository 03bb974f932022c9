package io.refzarr.lazy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes one record file in the layout fsspec reads: {@code optional binary path (STRING)} with
 * dictionary encoding, {@code required int64 offset}, {@code required int64 size}, {@code optional
 * binary raw} without a string annotation (so Python keeps the bytes as bytes), zstd, one row
 * group, statistics on {@code offset}, {@code size} and {@code raw} only (fastparquet needs the
 * integer columns' null counts). Pages of {@code pageRows} rows with an offset index let readers
 * decode one page per lookup.
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

  private RecordWriter() {}

  static void write(Path file, RecordBuffer buffer, List<Binary> paths, int pageRows)
      throws IOException {
    RowSupport support = new RowSupport(buffer, paths);
    try (ParquetWriter<Integer> w =
        new Builder(file, support)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(Codecs.INSTANCE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withDictionaryEncoding(false)
            .withDictionaryEncoding("path", true)
            .withStatisticsEnabled(false)
            // fastparquet (fsspec's default engine) reads an integer column without a null count in
            // its
            // statistics as nullable and hands the offsets over as floats, which fsspec cannot use
            .withStatisticsEnabled("offset", true)
            .withStatisticsEnabled("size", true)
            .withStatisticsEnabled(
                "raw", true) // its null count lets readers skip an all-null raw column
            .withStatisticsTruncateLength(16)
            .withSizeStatisticsEnabled(false)
            .withPageWriteChecksumEnabled(false)
            .withPageRowCountLimit(pageRows)
            .withRowGroupSize(Long.MAX_VALUE)
            .withRowGroupRowCountLimit(Integer.MAX_VALUE)
            .withExtraMetaData(java.util.Map.of(PAGE_ROWS_KEY, Integer.toString(pageRows)))
            .build()) {
      for (int row = 0; row < buffer.rows(); row++) {
        w.write(row);
      }
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final RowSupport support;

    Builder(Path file, RowSupport support) {
      super(new NioOutputFile(file));
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /** Emits row {@code n} of the buffer: the record object is the row number, not a row copy. */
  private static final class RowSupport extends WriteSupport<Integer> {
    private final RecordBuffer buffer;
    private final List<Binary> paths;
    private RecordConsumer out;

    RowSupport(RecordBuffer buffer, List<Binary> paths) {
      this.buffer = buffer;
      this.paths = paths;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(SCHEMA, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(SCHEMA, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Integer boxed) {
      int row = boxed;
      out.startMessage();
      int id = buffer.pathId(row);
      if (id != RowBlock.NULL) {
        out.startField("path", 0);
        out.addBinary(paths.get(id));
        out.endField("path", 0);
      }
      longField("offset", 1, buffer.offset(row));
      longField("size", 2, buffer.size(row));
      byte[] raw = buffer.raw(row);
      if (raw != null) {
        out.startField("raw", 3);
        out.addBinary(Binary.fromConstantByteArray(raw));
        out.endField("raw", 3);
      }
      out.endMessage();
    }

    private void longField(String name, int index, long value) {
      out.startField(name, index);
      out.addLong(value);
      out.endField(name, index);
    }
  }
}
