package io.refzarr.refs;

import io.refzarr.testing.ReferenceSetContractTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The in-memory form, reached through a JSON write and read. */
class CompactReferenceSetContractTest extends ReferenceSetContractTest {
  @Override
  protected ReferenceSet convert(ReferenceSet source) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    ReferenceSets.writeJson(source, json);
    return ReferenceSets.readJson(json.toByteArray(), "written.json", ReadOptions.DEFAULT);
  }
}
