package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.bridge.ZarrArray;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.refs.SinkOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code combine --append-to} of a 1,000,000-reference Parquet set (1,000 time steps of 1,000
 * chunks each) in a JVM whose heap is capped at 256 MiB: the existing set's chunk references are
 * copied streaming, never held (issue 18).
 */
class AppendBoundedMemoryTest {
  private static final int STEPS = 1000;
  private static final int COLUMNS = 1000; // chunks per time step
  private static final int Y = 150 * COLUMNS; // 150 float32 (600 bytes) per chunk
  private static final int NEW_STEPS = 2;

  @TempDir Path tmp;

  @Test
  void appendTo_aMillionReferenceParquetSet_inA256MiBHeap() throws Exception {
    Path existing = tmp.resolve("existing.parq");
    ReferenceSets.write(existing, SinkOptions.DEFAULT, sink -> write(sink, 0, STEPS, "old/f"));
    Path fresh = tmp.resolve("new.json");
    ReferenceSets.write(fresh, SinkOptions.DEFAULT, sink -> write(sink, STEPS, NEW_STEPS, "new/f"));
    Path out = tmp.resolve("out.parq");

    CliTest.runInChildJvm(
        "256m",
        tmp.resolve("child.log"),
        10,
        "combine",
        fresh.toString(),
        "--append-to",
        existing.toString(),
        "--concat-dim",
        "time",
        "--identical-dim",
        "y",
        "-o",
        out.toString());

    try (ReferenceSet set = ReferenceSets.open(out, ReadOptions.DEFAULT)) {
      long chunks;
      try (Stream<String> keys = set.keys()) {
        chunks = keys.filter(k -> k.startsWith("v/") && !k.contains(".z")).count();
      }
      assertThat(chunks).isEqualTo((long) (STEPS + NEW_STEPS) * COLUMNS);
      for (int[] tj : new int[][] {{0, 0}, {517, 3}, {999, 999}, {1000, 0}, {1001, 999}}) {
        assertThat(set.get("v/" + tj[0] + "." + tj[1]))
            .as("v/%d.%d", tj[0], tj[1])
            .contains(chunk(tj[0], tj[1]));
      }
      try (FileSystem fs =
          ReferenceFileSystems.newFileSystem(set, ReferenceFileSystemConfig.DEFAULT)) {
        double[] time = ZarrArray.open(fs.getPath("/time")).read().toDoubleArray();
        assertThat(time).hasSize(STEPS + NEW_STEPS);
        for (int t = 0; t < time.length; t++) {
          assertThat(time[t]).isEqualTo(t);
        }
      }
    }
  }

  /**
   * The chunk reference of time step {@code t}, column {@code j}: 600 bytes (above the default
   * inline threshold, so the combine copies it and reads no target) of one of ten files.
   */
  private static Reference chunk(int t, int j) {
    String file = t < STEPS ? "old/f" + t / 100 + ".nc" : "new/f" + t / 100 + ".nc";
    return Reference.range(file, 4096 + 600L * (t % 100 * COLUMNS + j), 600);
  }

  /** A set of {@code steps} time steps from {@code first}: coordinates inline, chunks ranges. */
  private static Void write(ReferenceSink sink, int first, int steps, String prefix)
      throws IOException {
    sink.put(".zgroup", json("{\"zarr_format\": 2}"));
    sink.put("time/.zarray", zarray("[" + steps + "]", "[" + steps + "]", "<f8"));
    sink.put("time/.zattrs", json("{\"_ARRAY_DIMENSIONS\": [\"time\"]}"));
    sink.put("time/0", doubles(first, steps));
    sink.put("y/.zarray", zarray("[" + Y + "]", "[" + Y + "]", "<f8"));
    sink.put("y/.zattrs", json("{\"_ARRAY_DIMENSIONS\": [\"y\"]}"));
    sink.put("y/0", doubles(0, Y));
    sink.put("v/.zarray", zarray("[" + steps + ", " + Y + "]", "[1, 150]", "<f4"));
    sink.put("v/.zattrs", json("{\"_ARRAY_DIMENSIONS\": [\"time\", \"y\"]}"));
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < COLUMNS; j++) {
        sink.putChunk("v", new long[] {t, j}, chunk(first + t, j));
      }
    }
    return null;
  }

  private static Reference zarray(String shape, String chunks, String dtype) {
    return json(
        "{\"zarr_format\": 2, \"shape\": "
            + shape
            + ", \"chunks\": "
            + chunks
            + ", \"dtype\": \""
            + dtype
            + "\", \"compressor\": null, \"filters\": null, \"fill_value\": null, \"order\": \"C\"}");
  }

  private static Reference doubles(int first, int n) {
    ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putDouble(first + i);
    }
    return Reference.inline(b.array());
  }

  private static Reference json(String s) {
    return Reference.inline(s.getBytes(StandardCharsets.UTF_8));
  }
}
