package io.refzarr.lazy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
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
  private final Map<String, Integer> names = new HashMap<>(); // the direct page path's
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

  /**
   * Paths from a page's definition levels ({@code defs}, null for a required column) and dictionary
   * indexes of its non-null values; each dictionary entry is turned into a string once.
   */
  void paths(int[] defs, int max, int[] dictIds, Dictionary dict) {
    paths(defs, max, dictIds, dict.getMaxId() + 1, entry -> pathId(dict.decodeToBinary(entry)));
  }

  /**
   * Paths as {@link #paths(int[], int, int[], Dictionary)}, from a dictionary of byte strings
   * (checked by the caller).
   */
  void paths(int[] defs, int max, int[] dictIds, byte[][] dict) {
    paths(defs, max, dictIds, dict.length, entry -> pathId(DirectPages.utf8(dict[entry])));
  }

  // idOf turns a dictionary entry into a path id; it is asked once per entry used
  private void paths(int[] defs, int max, int[] dictIds, int entries, IntUnaryOperator idOf) {
    int[] table = new int[entries];
    Arrays.fill(table, -1);
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (defs == null || defs[i] == max) {
        int entry = dictIds[k++];
        int id = table[entry];
        if (id < 0) {
          id = idOf.applyAsInt(entry);
          table[entry] = id;
        }
        pathIds[i] = id;
      }
    }
  }

  /**
   * Paths from a page's definition levels and plain byte strings; a run of one path is decoded
   * once.
   */
  void paths(int[] defs, int max, byte[][] values) {
    byte[] last = null;
    int lastId = RowBlock.NULL;
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (defs == null || defs[i] == max) {
        byte[] b = values[k++];
        if (!Arrays.equals(b, last)) {
          lastId = pathId(DirectPages.utf8(b));
          last = b;
        }
        pathIds[i] = lastId;
      }
    }
  }

  /**
   * Paths from a page's definition levels and plain values; a run of one path is looked up once.
   */
  void paths(int[] defs, int max, ValuesReader values) {
    Binary last = null;
    int lastId = RowBlock.NULL;
    for (int i = 0; i < count; i++) {
      if (defs == null || defs[i] == max) {
        Binary b = values.readBytes();
        if (!b.equals(last)) {
          lastId = pathId(b);
          last = b;
        }
        pathIds[i] = lastId;
      }
    }
  }

  /** Integers from a page's definition levels and non-null values. */
  static void longs(int count, int[] defs, int max, long[] values, long[] out) {
    if (defs == null && values == out) {
      return; // decoded in place
    }
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (defs == null || defs[i] == max) {
        out[i] = values[k++];
      }
    }
  }

  /** Inline bytes from a page's definition levels and non-null values. */
  void raw(int[] defs, int max, byte[][] values) {
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (defs == null || defs[i] == max) {
        if (raw == null) {
          raw = new byte[count][];
        }
        raw[i] = values[k++];
      }
    }
  }

  int count() {
    return count;
  }

  private int pathId(String path) {
    return names.computeIfAbsent(
        path,
        k -> {
          table.add(k);
          return table.size() - 1;
        });
  }

  private int pathId(Binary b) {
    return ids.computeIfAbsent(
        b.copy(),
        k -> {
          table.add(k.toStringUsingUTF8());
          return table.size() - 1;
        });
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
