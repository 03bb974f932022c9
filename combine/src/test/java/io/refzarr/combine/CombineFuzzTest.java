package io.refzarr.combine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for combine (README "Fuzzing"): one to four inputs along {@code time}, each with its
 * own time values (repeated, decreasing, NaN, shared with other inputs), lengths and chunk length,
 * an identical dimension {@code x} that may differ between inputs, and a variable {@code v} whose
 * every element is unique to its input and position. Combine either refuses them with a {@link
 * CombineException} or writes a set in which x is every input's x, time increases and each position
 * holds an element of an input together with that element's own time value, every element of every
 * input exactly once.
 */
class CombineFuzzTest {
  private static final CombineSpec TIME =
      CombineSpec.builder().concatDims("time").identicalDims("x").build();

  @FuzzTest(maxDuration = "10m")
  void combine(FuzzedDataProvider data) throws IOException {
    int count = data.consumeInt(1, 4);
    List<CombineInput> inputs = new ArrayList<>();
    Map<Float, Double> timeOf = new HashMap<>(); // each element's own time value
    java.util.Set<Double> xs = new java.util.HashSet<>(); // each input's identical x
    for (int i = 0; i < count; i++) {
      double x = data.consumeBoolean() ? 0 : data.consumeInt(0, 2);
      xs.add(x);
      inputs.add(input(data, i, timeOf).put("x/0", xChunk(x)).input());
    }
    ReferenceSet out;
    try {
      out = Combiner.combine(inputs, TIME);
    } catch (CombineException refused) {
      return; // the documented refusal of inputs that do not fit
    }
    assertThat(xs).as("inputs with different identical x were combined").hasSize(1);
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(out, ReferenceFileSystemConfig.DEFAULT)) {
      assertThat(ZarrArray.open(fs.getPath("/x")).read().toDoubleArray())
          .containsExactly(xs.iterator().next());
      double[] time = ZarrArray.open(fs.getPath("/time")).read().toDoubleArray();
      float[] v = ZarrArray.open(fs.getPath("/v")).read().toFloatArray();
      assertThat(v).hasSize(time.length).hasSize(timeOf.size());
      for (int p = 0; p < time.length; p++) {
        assertThat(timeOf).as("element %s at position %s", v[p], p).containsKey(v[p]);
        assertThat(time[p]).as("time of element %s", v[p]).isEqualTo(timeOf.get(v[p]));
        if (p > 0) {
          assertThat(time[p]).isGreaterThan(time[p - 1]);
        }
      }
      assertThat(new java.util.HashSet<>(java.util.Arrays.asList(box(v)))).hasSize(v.length);
    }
  }

  /** A one-value {@code <f8} chunk of the identical dimension x. */
  private static Reference xChunk(double x) {
    return new Reference.Inline(
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(x).array());
  }

  /**
   * Input {@code i}: its time values, an identical dimension {@code x} of one value (its chunk put
   * by the caller), and {@code v} (time) = 1000 i + position, in chunks of c.
   */
  private static Synthetic input(FuzzedDataProvider data, int i, Map<Float, Double> timeOf) {
    int n = data.consumeInt(1, 4);
    int c = data.consumeInt(1, n);
    double[] times = new double[n];
    for (int j = 0; j < n; j++) {
      times[j] = data.consumeInt(0, 15) == 0 ? Double.NaN : data.consumeInt(0, 9);
      timeOf.put((float) (1000 * i + j), times[j]);
    }
    Synthetic s = new Synthetic("in" + i + ".nc").coord("time", times);
    s.put(
        "x/.zarray",
        Synthetic.inline(Synthetic.zarray(new long[] {1}, new long[] {1}, Map.of("dtype", "<f8"))));
    s.put("x/.zattrs", Synthetic.inline(Map.of("_ARRAY_DIMENSIONS", List.of("x"))));
    s.put(
        "v/.zarray",
        Synthetic.inline(
            Synthetic.zarray(new long[] {n}, new long[] {c}, Map.of("fill_value", -1L))));
    s.put("v/.zattrs", Synthetic.inline(Map.of("_ARRAY_DIMENSIONS", List.of("time"))));
    for (int k = 0; k * c < n; k++) {
      ByteBuffer chunk = ByteBuffer.allocate(4 * c).order(ByteOrder.LITTLE_ENDIAN);
      for (int j = k * c; j < k * c + c; j++) {
        chunk.putFloat(1000 * i + j); // past the end of the array in the last chunk: ignored
      }
      s.put("v/" + k, new Reference.Inline(chunk.array()));
    }
    return s;
  }

  private static Float[] box(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
