package io.refzarr.combine;

import static io.refzarr.combine.GoldenSeriesCombineTest.dailyInputs;
import static io.refzarr.combine.GoldenSeriesCombineTest.json;
import static io.refzarr.combine.GoldenSeriesCombineTest.seriesSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The combine's steps for a distributing engine: any tree of merges of serialized partials, the
 * same output.
 */
class CombinePlannerTest {

  private static CombinePlanner.Partial roundTrip(CombinePlanner.Partial p) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (CombinePlanner.Partial) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Partials of every input, serialized and back, merged as a random tree. */
  private static byte[] planned(CombineSpec spec, long seed) throws IOException {
    List<CombineInput> inputs = dailyInputs();
    try (CombinePlanner planner = new CombinePlanner(spec)) {
      List<CombinePlanner.Partial> level = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        level.add(roundTrip(planner.partial(i, inputs.get(i))));
      }
      Random random = new Random(seed);
      Collections.shuffle(level, random);
      while (level.size() > 1) {
        int i = random.nextInt(level.size() - 1);
        CombinePlanner.Partial merged = CombinePlanner.merge(level.get(i), level.remove(i + 1));
        level.set(i, roundTrip(merged));
      }
      assertThat(level.get(0).inputs()).isEqualTo(inputs.size());
      ReferenceSetBuilder out = ReferenceSets.builder();
      planner.write(CombinePlanner.merge(CombinePlanner.Partial.empty(), level.get(0)), out);
      return json(out.build());
    }
  }

  @Test
  void planner_serializedPartialsMergedInAnyTree_writeTheCombinersJson() throws IOException {
    for (CombineSpec spec :
        List.of(seriesSpec().build(), seriesSpec().inlineThreshold(600).build())) {
      byte[] expected = json(Combiner.combine(dailyInputs(), spec));
      for (long seed = 1; seed <= 4; seed++) {
        assertThat(new String(planned(spec, seed)))
            .as("seed %d", seed)
            .isEqualTo(new String(expected));
      }
    }
  }

  @Test
  void planner_noInputs_refusedAndUnreadableInputNamed() throws IOException {
    try (CombinePlanner planner = new CombinePlanner(seriesSpec().build())) {
      assertThatThrownBy(
              () -> planner.write(CombinePlanner.Partial.empty(), ReferenceSets.builder()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no inputs");
      CombineInput broken =
          new CombineInput(
              "broken.json",
              () -> {
                throw new IOException("gone");
              });
      assertThatThrownBy(() -> planner.partial(0, broken))
          .isInstanceOf(CombineException.class)
          .hasMessageContaining("broken.json")
          .hasMessageContaining("gone");
    }
  }
}
