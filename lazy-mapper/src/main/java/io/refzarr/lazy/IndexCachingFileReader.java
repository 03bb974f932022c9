package io.refzarr.lazy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.ColumnIndexStore;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A parquet-java reader over an already parsed footer whose filtered reads take page locations from
 * offset indexes kept by the caller, per row group and column (by dotted path): each index is read
 * and parsed the first time any page of its column chunk is read, not on every filtered read
 * (parquet-java re-reads and re-parses every column's index each time otherwise). The index is read
 * in one piece and parsed by {@link OffsetIndexes}, without Thrift's byte-at-a-time transport.
 */
final class IndexCachingFileReader extends ParquetFileReader {
  private final SeekableInputStream stream;
  private final List<? extends Map<String, OffsetIndex>> known;
  private final long length;

  IndexCachingFileReader(
      InputFile input,
      ParquetMetadata footer,
      ParquetReadOptions options,
      List<? extends Map<String, OffsetIndex>> known)
      throws IOException {
    this(input, footer, options, known, input.newStream());
  }

  private IndexCachingFileReader(
      InputFile input,
      ParquetMetadata footer,
      ParquetReadOptions options,
      List<? extends Map<String, OffsetIndex>> known,
      SeekableInputStream stream)
      throws IOException {
    super(input, footer, options, stream);
    this.stream = stream;
    this.known = known;
    this.length = input.getLength();
  }

  @Override
  public ColumnIndexStore getColumnIndexStore(int blockIndex) {
    BlockMetaData group = getRowGroups().get(blockIndex);
    Map<String, OffsetIndex> indexes = known.get(blockIndex);
    return new ColumnIndexStore() {
      @Override
      public ColumnIndex getColumnIndex(ColumnPath column) {
        return null; // only page locations are needed to read a given row range
      }

      @Override
      public OffsetIndex getOffsetIndex(ColumnPath column) {
        OffsetIndex index = indexes.get(column.toDotString());
        if (index != null) {
          return index;
        }
        index = load(group, column);
        OffsetIndex prior = indexes.putIfAbsent(column.toDotString(), index);
        return prior != null ? prior : index;
      }
    };
  }

  private OffsetIndex load(BlockMetaData group, ColumnPath column) {
    for (ColumnChunkMetaData c : group.getColumns()) {
      if (c.getPath().equals(column)) {
        try {
          OffsetIndex index = offsetIndex(c);
          if (index != null) {
            return OffsetIndexes.checked(index, group.getRowCount(), length, column.toDotString());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        break;
      }
    }
    throw new ColumnIndexStore.MissingOffsetIndexException(column);
  }

  /** Reads the column's offset index in one piece and parses it, else lets parquet-java do both. */
  private OffsetIndex offsetIndex(ColumnChunkMetaData c) throws IOException {
    IndexReference ref = c.getOffsetIndexReference();
    if (ref != null && !c.isEncrypted() && ref.getLength() > 0 && ref.getLength() < (1 << 24)) {
      byte[] bytes = new byte[ref.getLength()];
      stream.seek(ref.getOffset());
      stream.readFully(bytes);
      OffsetIndex parsed = OffsetIndexes.parse(bytes);
      if (parsed != null) {
        return parsed;
      }
    }
    return readOffsetIndex(c);
  }
}
