package io.refzarr.lazy;

import java.io.IOException;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;

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
      DataPageV1 v1 = (DataPageV1) page;
      ByteBufferInputStream in = v1.getBytes().toInputStream();
      ValuesReader rl = v1.getRlEncoding().getValuesReader(c, ValuesType.REPETITION_LEVEL);
      rl.initFromPage(count, in);
      ValuesReader dl = v1.getDlEncoding().getValuesReader(c, ValuesType.DEFINITION_LEVEL);
      dl.initFromPage(count, in);
      ValuesReader values = valuesReader(v1, pr, c);
      if (values == null) {
        return null;
      }
      values.initFromPage(count, in);
      if (c == columns.path) {
        d.paths(dl, values, c);
      } else if (c == columns.offset) {
        d.longs(dl, values, c, d.offsets);
      } else if (c == columns.size) {
        d.longs(dl, values, c, d.sizes);
      } else {
        d.raw(dl, values, c);
      }
      if (pr.readPage() != null) {
        return null;
      }
    }
    return d.build(first);
  }

  private static ValuesReader valuesReader(DataPageV1 page, PageReader pr, ColumnDescriptor c)
      throws IOException {
    if (!page.getValueEncoding().usesDictionary()) {
      return page.getValueEncoding().getValuesReader(c, ValuesType.VALUES);
    }
    DictionaryPage dictPage = pr.readDictionaryPage();
    if (dictPage == null) {
      return null;
    }
    return page.getValueEncoding()
        .getDictionaryBasedValuesReader(
            c, ValuesType.VALUES, dictPage.getEncoding().initDictionary(c, dictPage));
  }
}
