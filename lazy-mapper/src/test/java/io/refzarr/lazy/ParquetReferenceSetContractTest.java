package io.refzarr.lazy;

import io.refzarr.refs.ReferenceSet;
import io.refzarr.testing.ReferenceSetContractTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared ReferenceSet contract, on sets written as Parquet (small records and pages) and
 * reopened.
 */
class ParquetReferenceSetContractTest extends ReferenceSetContractTest {
  private static final AtomicInteger COUNT = new AtomicInteger();
  @TempDir static Path tmp;

  @Override
  protected ReferenceSet convert(ReferenceSet source) throws IOException {
    Path out = tmp.resolve("set" + COUNT.incrementAndGet() + ".parq");
    LazyReferenceSets.write(source, out, WriteOptions.DEFAULT.withRecordSize(4).withPageRows(2));
    return LazyReferenceSets.open(out);
  }
}
