package io.refzarr.lazy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Fills the columns of one {@link RowBlock}: either from parquet-java's column readers (any file)
 * or straight from one data page's definition levels and values (refzarr's own single-page blocks).
 */
final class RowBlockDecoder {
  private final int count;
  private final int[] pathIds;
  final long[] offsets;
  final long[] sizes;
  private byte[][] raw;
  private final Map<Binary, Integer> ids = new HashMap<>();
  private final List<String> table = new ArrayList<>();

  /**
   * Decodes a block through parquet-java's column readers, which handle any page layout and
   * encoding.
   */
  static RowBlock fromColumnReaders(
      PageReadStore pages, Columns columns, String createdBy, long first, int count) {
    ColumnReadStoreImpl store =
        new ColumnReadStoreImpl(
            pages,
            new GroupRecordConverter(columns.projection).getRootConverter(),
            columns.projection,
            createdBy);
    RowBlockDecoder d = new RowBlockDecoder(count);
    if (columns.path != null) {
      d.paths(store.getColumnReader(columns.path), columns.path);
      d.longs(store.getColumnReader(columns.offset), columns.offset, d.offsets);
      d.longs(store.getColumnReader(columns.size), columns.size, d.sizes);
    }
    if (columns.raw != null) {
      d.raw(store.getColumnReader(columns.raw), columns.raw);
    }
    return d.build(first);
  }

  RowBlockDecoder(int count) {
    this.count = count;
    this.pathIds = new int[count];
    Arrays.fill(pathIds, RowBlock.NULL);
    this.offsets = new long[count];
    this.sizes = new long[count];
  }

  void paths(ColumnReader r, ColumnDescriptor c) {
    int max = c.getMaxDefinitionLevel();
    Binary last = null;
    int lastId = RowBlock.NULL;
    for (int i = 0; i < count; i++) {
      if (r.getCurrentDefinitionLevel() == max) {
        Binary b = r.getBinary();
        if (b != last) { // dictionary pages hand out the same Binary for the same entry
          lastId =
              ids.computeIfAbsent(
                  b.copy(),
                  k -> {
                    table.add(k.toStringUsingUTF8());
                    return table.size() - 1;
                  });
          last = b;
        }
        pathIds[i] = lastId;
      }
      r.consume();
    }
  }

  /** The same, from a page's definition levels and values. */
  void paths(ValuesReader dl, ValuesReader values, ColumnDescriptor c) {
    int max = c.getMaxDefinitionLevel();
    Binary last = null;
    int lastId = RowBlock.NULL;
    for (int i = 0; i < count; i++) {
      if (dl.readInteger() == max) {
        Binary b = values.readBytes();
        if (b != last) {
          lastId =
              ids.computeIfAbsent(
                  b.copy(),
                  k -> {
                    table.add(k.toStringUsingUTF8());
                    return table.size() - 1;
                  });
          last = b;
        }
        pathIds[i] = lastId;
      }
    }
  }

  void longs(ValuesReader dl, ValuesReader values, ColumnDescriptor c, long[] out) {
    int max = c.getMaxDefinitionLevel();
    boolean int64 = c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
    for (int i = 0; i < count; i++) {
      if (dl.readInteger() == max) {
        out[i] = int64 ? values.readLong() : values.readInteger();
      }
    }
  }

  void raw(ValuesReader dl, ValuesReader values, ColumnDescriptor c) {
    int max = c.getMaxDefinitionLevel();
    for (int i = 0; i < count; i++) {
      if (dl.readInteger() == max) {
        if (raw == null) {
          raw = new byte[count][];
        }
        raw[i] = values.readBytes().getBytes();
      }
    }
  }

  private void longs(ColumnReader r, ColumnDescriptor c, long[] out) {
    int max = c.getMaxDefinitionLevel();
    boolean int64 = c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
    for (int i = 0; i < count; i++) {
      if (r.getCurrentDefinitionLevel() == max) {
        out[i] = int64 ? r.getLong() : r.getInteger();
      }
      r.consume();
    }
  }

  void raw(ColumnReader r, ColumnDescriptor c) {
    int max = c.getMaxDefinitionLevel();
    for (int i = 0; i < count; i++) {
      if (r.getCurrentDefinitionLevel() == max) {
        if (raw == null) {
          raw = new byte[count][];
        }
        raw[i] = r.getBinary().getBytes();
      }
      r.consume();
    }
  }

  RowBlock build(long first) {
    return new RowBlock(first, table.toArray(new String[0]), pathIds, offsets, sizes, raw);
  }
}
