package io.refzarr.bench;

import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombineSpec;
import io.refzarr.combine.Combiner;
import io.refzarr.lazy.LazyReferenceSets;
import io.refzarr.lazy.ParquetReferenceWriter;
import io.refzarr.lazy.WriteOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.zarr.DType;
import io.refzarr.zarr.ZarrArrayMetadata;
import io.refzarr.zarr.ZarrGroupMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scale test of the combine: 10,000 synthetic inputs of 1,000 chunk references each (one time
 * step of a 1000x1000 float32 field in 40x25 chunks, like a scan of one file) combined along {@code
 * time} into 10,000,000 references written straight to Parquet (lazy-mapper's streaming writer),
 * with the heap capped by {@code -Xmx}. Inputs are generated when the combine opens them, so the
 * heap holds at most the batches in flight. Run: {@code java -Xmx1g -cp ...
 * io.refzarr.bench.CombineScaleBenchmark [inputs] [out.parq]}.
 */
public final class CombineScaleBenchmark {
  private static final int SIDE = 1000;
  private static final long[] CHUNK = {1, 40, 25};

  private CombineScaleBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    boolean count =
        args.length > 1 && args[1].equals("-"); // "-": count the references, write nothing
    Path out =
        args.length > 1 && !count ? Path.of(args[1]) : BenchData.dir().resolve("combined_10m.parq");
    List<CombineInput> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int day = i;
      inputs.add(new CombineInput(String.format("s3://bucket/day_%05d.nc", day), () -> input(day)));
    }
    CombineSpec spec = CombineSpec.builder().concatDims("time").inlineThreshold(0).build();
    CombineBenchmark.resetPeaks();
    long cpu0 = CombineBenchmark.processCpuNanos();
    long t0 = System.nanoTime();
    CountingSink counted;
    if (count) {
      counted = new CountingSink((key, ref) -> {});
      Combiner.combine(inputs, spec, counted);
    } else {
      try (ParquetReferenceWriter writer = LazyReferenceSets.writer(out, WriteOptions.DEFAULT)) {
        counted = new CountingSink(writer::put);
        Combiner.combine(inputs, spec, counted);
      }
    }
    long t1 = System.nanoTime();
    System.out.printf(
        "combine %d inputs -> %d references to %s: %.1f s (CPU %.1f s), peak heap %.0f MB"
            + " (max %d MB)%s%n",
        n,
        counted.count,
        count ? "a counting sink" : out.getFileName(),
        (t1 - t0) / 1e9,
        (CombineBenchmark.processCpuNanos() - cpu0) / 1e9,
        CombineBenchmark.peakHeap() / 1e6,
        Runtime.getRuntime().maxMemory() >> 20,
        count ? "" : String.format(", output %.1f MB", size(out) / 1e6));
  }

  /** One input: time (inline, value = day) and {@code data} (1, 1000, 1000) in 1,000 chunks. */
  public static ReferenceSet input(int day) {
    String target = String.format("s3://bucket/day_%05d.nc", day);
    ReferenceSetBuilder b = ReferenceSets.builder();
    b.put(".zgroup", new Reference.Inline(ZarrGroupMetadata.toJson()));
    b.put(
        "time/.zarray",
        new Reference.Inline(
            ZarrArrayMetadata.builder()
                .shape(1)
                .chunks(1)
                .dtype(DType.parse("<f8"))
                .build()
                .toJson()));
    b.put(
        "time/.zattrs",
        inline("{\"_ARRAY_DIMENSIONS\":[\"time\"],\"units\":\"days since 2000-01-01\"}"));
    b.put(
        "time/0",
        new Reference.Inline(
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(day).array()));
    b.put(
        "data/.zarray",
        new Reference.Inline(
            ZarrArrayMetadata.builder()
                .shape(1, SIDE, SIDE)
                .chunks(CHUNK[0], CHUNK[1], CHUNK[2])
                .dtype(DType.parse("<f4"))
                .compressor(Map.of("id", "zlib", "level", 1L))
                .build()
                .toJson()));
    b.put("data/.zattrs", inline("{\"_ARRAY_DIMENSIONS\":[\"time\",\"y\",\"x\"]}"));
    long offset = 4096;
    for (int y = 0; y < SIDE / CHUNK[1]; y++) {
      for (int x = 0; x < SIDE / CHUNK[2]; x++) {
        int len = 3000 + (y * 31 + x * 17 + day) % 1000;
        b.putTargetRef("data/0." + y + "." + x, target, offset, len);
        offset += len;
      }
    }
    return b.build();
  }

  private static Reference inline(String json) {
    return new Reference.Inline(json.getBytes(StandardCharsets.UTF_8));
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Where counted references go. */
  @FunctionalInterface
  private interface Put {
    void put(String key, Reference ref) throws IOException;
  }

  /** Counts references on their way to the writer. */
  private static final class CountingSink implements ReferenceSink {
    private final Put sink;
    long count;

    CountingSink(Put sink) {
      this.sink = sink;
    }

    @Override
    public void put(String key, Reference ref) throws IOException {
      count++;
      sink.put(key, ref);
    }

    @Override
    public void close() {}
  }
}
