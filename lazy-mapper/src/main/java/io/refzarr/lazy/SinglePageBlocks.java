package io.refzarr.lazy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The fast path for blocks that are one v1 data page per column: refzarr's own record files (a
 * block is a page) and fsspec's (a block is a row group of one page per column).
 *
 * <p>Why not parquet-java's record reader: a filtered read of one page goes through its per-row
 * synchronisation of columns and record assembly, which costs more than decoding the page; a lookup
 * here decodes the page's definition levels and values directly. This relies on parquet-java's
 * page-level API ({@code DataPageV1}, {@code ValuesReader}, {@code Encoding}), not its internals;
 * {@code PageReadTest} pins the behaviour (which path a block takes, and its values) across
 * parquet-java upgrades.
 */
final class SinglePageBlocks {
  private SinglePageBlocks() {}

  /**
   * Decodes a block whose every column is exactly one v1 data page starting at the block's first
   * row ({@code from}, relative to the row group; a page read with its whole row group carries no
   * first row index and must start the group): values are read straight from each page. Null if any
   * column's page does not match, so the caller can take the general path.
   */
  static RowBlock decode(PageReadStore pages, Columns columns, long first, long from, int count)
      throws IOException {
    RowBlockDecoder d = new RowBlockDecoder(count);
    for (ColumnDescriptor c : columns.all()) {
      PageReader pr = pages.getPageReader(c);
      DataPage page = pr.readPage();
      if (!(page instanceof DataPageV1)
          || page.getValueCount() != count
          || page.getFirstRowIndex().orElse(from) != from // a whole row group's page has none
          || c.getMaxRepetitionLevel() != 0) {
        return null;
      }
      if (!decodeColumn((DataPageV1) page, pr, c, columns, d)) {
        return null;
      }
      if (pr.readPage() != null) {
        return null;
      }
    }
    return d.build(first);
  }

  /**
   * Decodes one column's page into {@code d}: levels and dictionary indexes a run at a time ({@link
   * HybridRuns}), plain int64 values in bulk, any other encoding (delta, plain bytes) through
   * parquet-java's values reader. False if the page needs what this path does not do.
   */
  private static boolean decodeColumn(
      DataPageV1 page, PageReader pr, ColumnDescriptor c, Columns columns, RowBlockDecoder d)
      throws IOException {
    int count = d.count();
    byte[] b = page.getBytes().toByteArray();
    int pos = 0;
    int max = c.getMaxDefinitionLevel();
    int[] defs = null;
    int present = count;
    if (max > 0) {
      if (page.getDlEncoding() != Encoding.RLE || b.length < 4) {
        return false;
      }
      int len = ByteBuffer.wrap(b, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (len < 0 || len > b.length - 4) {
        throw new IOException("definition levels of " + len + " bytes in a page of " + b.length);
      }
      defs = new int[count];
      HybridRuns.decode(b, 4, 4 + len, HybridRuns.bitWidth(max), defs, count);
      pos = 4 + len;
      present = 0;
      for (int v : defs) {
        present += v == max ? 1 : 0;
      }
    }
    Encoding encoding = page.getValueEncoding();
    boolean int64 = c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
    long[] out = c == columns.offset ? d.offsets : c == columns.size ? d.sizes : null;
    if (encoding.usesDictionary()) {
      DictionaryPage dictPage = pr.readDictionaryPage();
      if (dictPage == null || (present > 0 && pos >= b.length)) {
        return false;
      }
      Dictionary dict = dictPage.getEncoding().initDictionary(c, dictPage);
      int[] ids = new int[present];
      if (present > 0) {
        HybridRuns.decode(b, pos + 1, b.length, b[pos] & 0xff, ids, present);
      }
      if (c == columns.path) {
        d.paths(defs, max, ids, dict);
      } else if (out != null) {
        long[] values = defs == null ? out : new long[present]; // a required column: in place
        for (int i = 0; i < present; i++) {
          values[i] = int64 ? dict.decodeToLong(ids[i]) : dict.decodeToInt(ids[i]);
        }
        RowBlockDecoder.longs(count, defs, max, values, out);
      } else {
        byte[][] values = new byte[present][];
        for (int i = 0; i < present; i++) {
          values[i] = dict.decodeToBinary(ids[i]).getBytes();
        }
        d.raw(defs, max, values);
      }
      return true;
    }
    if (encoding == Encoding.PLAIN && int64 && out != null) {
      if ((long) present * 8 > b.length - pos) {
        throw new IOException(present + " int64 values in " + (b.length - pos) + " bytes");
      }
      long[] values = defs == null ? out : new long[present]; // a required column: in place
      ByteBuffer.wrap(b, pos, present * 8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer()
          .get(values);
      RowBlockDecoder.longs(count, defs, max, values, out);
      return true;
    }
    ValuesReader reader = encoding.getValuesReader(c, ValuesType.VALUES);
    reader.initFromPage(
        present, ByteBufferInputStream.wrap(ByteBuffer.wrap(b, pos, b.length - pos)));
    if (c == columns.path) { // fsspec writes plain paths when few rows share each
      d.paths(defs, max, reader);
      return true;
    }
    if (out != null) {
      long[] values = defs == null ? out : new long[present]; // a required column: in place
      for (int i = 0; i < present; i++) {
        values[i] = int64 ? reader.readLong() : reader.readInteger();
      }
      RowBlockDecoder.longs(count, defs, max, values, out);
    } else {
      byte[][] values = new byte[present][];
      for (int i = 0; i < present; i++) {
        values[i] = reader.readBytes().getBytes();
      }
      d.raw(defs, max, values);
    }
    return true;
  }
}
