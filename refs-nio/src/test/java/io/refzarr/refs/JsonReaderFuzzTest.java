package io.refzarr.refs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzz target for the JSON reference reader (README "Fuzzing"): any bytes either fail with {@link
 * InvalidReferenceSetException} or give a set whose every listed key has a reference with a sane
 * range and a grammatical key. Small {@code gen} limits keep one input cheap. Seeds: the corpus's
 * golden sets and hand-made sets with templates and {@code gen} ({@code JsonReaderFuzzTestInputs}).
 */
class JsonReaderFuzzTest {
  private static final ReadOptions OPTIONS = new ReadOptions(Map.of(), 10_000, 10_000);

  @FuzzTest(maxDuration = "10m")
  void readJson(byte[] json) throws IOException {
    ReferenceSet set;
    try {
      set = ReferenceSets.readJson(json, "fuzz.json", OPTIONS);
    } catch (InvalidReferenceSetException e) {
      return;
    }
    Iterator<String> keys = set.keys().limit(2_000).iterator();
    while (keys.hasNext()) {
      String key = keys.next();
      assertThat(StoreKeys.problem(key)).as(key).isNull();
      Optional<Reference> ref = set.get(key);
      assertThat(ref).as(key).isPresent();
      if (ref.get() instanceof Reference.Targeted t) {
        assertThat(t.offset()).as(key).isNotNegative();
        assertThat(t.target()).as(key).isNotNull();
      }
    }
  }
}
