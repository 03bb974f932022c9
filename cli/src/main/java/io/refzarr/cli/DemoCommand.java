package io.refzarr.cli;

import io.refzarr.bridge.ArrayData;
import io.refzarr.bridge.ZarrArray;
import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Spec;
import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombineSpec;
import io.refzarr.combine.Combiner;
import io.refzarr.internal.io.AtomicOutputs;
import io.refzarr.lazy.LazyReferenceSets;
import io.refzarr.lazy.WriteOptions;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import io.refzarr.source.ByteRangeReaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code refzarr demo}: refzarr's main job on embedded data, no network. It scans a netCDF4 file,
 * checks the references against kerchunk's, reads every key through the {@code reference} file
 * system against the file's own bytes, round-trips the set through Parquet, decodes an array with
 * zarr-bridge, and scans and combines three daily files into one time series. Every step checks its
 * result; any mismatch fails.
 */
@Command(
    name = "demo",
    description =
        "Run refzarr's main job on embedded data (no network, no servers):"
            + " scan, compare with kerchunk, read through the file system, Parquet, decode, combine.")
final class DemoCommand implements Callable<Integer> {
  private static final List<String> FILES =
      List.of("nc4_cf.nc", "nc4_cf.json", "day_001.nc", "day_002.nc", "day_003.nc");

  @Spec io.refzarr.cli.args.CommandLine.Model.CommandSpec spec;

  private PrintWriter out;
  private int failures;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("refzarr-demo");
    try {
      unpack(dir);
      ReferenceSet scanned = scanAndCompare(dir);
      readThroughFileSystem(dir, scanned);
      parquetRoundTrip(dir, scanned);
      decodeArray(dir, scanned);
      combineSeries(dir);
      out.println(failures == 0 ? "demo OK" : "demo FAILED: " + failures + " checks failed");
      return failures == 0 ? 0 : 1;
    } finally {
      AtomicOutputs.deleteTree(dir);
    }
  }

  private void check(boolean ok, String what) {
    out.println((ok ? "  ok    " : "  FAIL  ") + what);
    failures += ok ? 0 : 1;
  }

  static void unpack(Path dir) throws IOException {
    for (String name : FILES) {
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
        if (in == null) {
          throw new IOException("embedded demo file missing: " + name);
        }
        Files.copy(in, dir.resolve(name));
      }
    }
  }

  private static ReferenceSet scan(Path dir, String file) throws IOException {
    try (ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      ReferenceSetBuilder b = ReferenceSets.builder();
      Scanners.hdf5()
          .scan(new ScanInput(file, dir.resolve(file).toUri()), sources, ScanOptions.DEFAULT, b);
      return b.build();
    }
  }

  /** 1. Scan nc4_cf.nc and compare every key with kerchunk's references for the same file. */
  private ReferenceSet scanAndCompare(Path dir) throws IOException {
    out.println("== 1. scan nc4_cf.nc (netCDF4) and compare with kerchunk's references");
    long t0 = System.nanoTime();
    ReferenceSet scanned = scan(dir, "nc4_cf.nc");
    out.printf("  scanned: %d keys in %.0f ms%n", scanned.size(), (System.nanoTime() - t0) / 1e6);
    ReferenceSet kerchunk = ReferenceSets.readJson(dir.resolve("nc4_cf.json"));
    int same = 0;
    int ranges = 0;
    for (Iterator<String> it = kerchunk.keys().iterator(); it.hasNext(); ) {
      String key = it.next();
      Reference k = kerchunk.get(key).orElseThrow();
      if (k instanceof Reference.Range) {
        ranges++;
        same += k.equals(scanned.get(key).orElse(null)) ? 1 : 0;
      }
    }
    check(
        same == ranges && ranges > 0,
        same + " of kerchunk's " + ranges + " byte ranges found identically");
    return scanned;
  }

  /**
   * 2. Every key through the file system equals the file's bytes at its range (or the inline
   * value).
   */
  private void readThroughFileSystem(Path dir, ReferenceSet scanned) throws IOException {
    out.println("== 2. read every key through the reference file system");
    ReferenceFileSystemConfig config = ReferenceFileSystemConfig.builder().root(dir).build();
    int keys = 0;
    int mismatches = 0;
    long bytes = 0;
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(scanned, config);
        FileChannel source = FileChannel.open(dir.resolve("nc4_cf.nc"));
        Stream<Path> walk = Files.walk(fs.getPath("/"))) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        byte[] read = Files.readAllBytes(p);
        Reference ref = scanned.get(p.toString().substring(1)).orElseThrow();
        mismatches += Arrays.equals(read, expected(ref, source)) ? 0 : 1;
        keys++;
        bytes += read.length;
      }
      try (Stream<Path> arrays = Files.list(fs.getPath("/"))) {
        out.println(
            "  arrays: "
                + arrays
                    .filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .reduce((a, b) -> a + " " + b)
                    .orElse(""));
      }
    }
    check(
        mismatches == 0, keys + " keys, " + bytes + " bytes read, each equal to the file's bytes");
  }

  private static byte[] expected(Reference ref, FileChannel source) throws IOException {
    if (ref instanceof Reference.Inline in) {
      return in.data();
    }
    Reference.Range r = (Reference.Range) ref;
    ByteBuffer buf = ByteBuffer.allocate((int) r.length());
    while (buf.hasRemaining() && source.read(buf, r.offset() + buf.position()) > 0) {
      // positional reads until full
    }
    return buf.array();
  }

  /** 3. Write fsspec's Parquet layout and open it lazily: same bytes for every key. */
  private void parquetRoundTrip(Path dir, ReferenceSet scanned) throws IOException {
    out.println("== 3. write Parquet references (fsspec's layout) and read them back lazily");
    Path parq = dir.resolve("nc4_cf.parq");
    LazyReferenceSets.write(scanned, parq, WriteOptions.DEFAULT);
    int same = 0;
    int keys = 0;
    try (FileSystem json =
            ReferenceFileSystems.newFileSystem(
                scanned, ReferenceFileSystemConfig.builder().root(dir).build());
        FileSystem lazy = FileSystems.newFileSystem(parq, Map.of("root", dir));
        Stream<Path> walk = Files.walk(json.getPath("/"))) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        keys++;
        same +=
            Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(lazy.getPath(p.toString())))
                ? 1
                : 0;
      }
    }
    check(same == keys, same + " of " + keys + " keys identical through " + parq.getFileName());
  }

  /** 4. Decode an array with zarr-bridge, through refzarr's and kerchunk's references alike. */
  private void decodeArray(Path dir, ReferenceSet scanned) throws IOException {
    out.println("== 4. decode temp (shuffle + zlib, float32) with zarr-bridge");
    ReferenceFileSystemConfig config = ReferenceFileSystemConfig.builder().root(dir).build();
    try (FileSystem ours = ReferenceFileSystems.newFileSystem(scanned, config);
        FileSystem theirs =
            ReferenceFileSystems.newFileSystem(dir.resolve("nc4_cf.json"), config)) {
      ZarrArray temp = ZarrArray.open(ours.getPath("/temp"));
      float[] values = temp.read().toFloatArray();
      float[] viaKerchunk = ZarrArray.open(theirs.getPath("/temp")).read().toFloatArray();
      double sum = 0;
      int valid = 0;
      for (float v : values) {
        if (v != -999f) {
          sum += v;
          valid++;
        }
      }
      out.printf(
          "  temp %s %s dims %s: %d values, mean %.2f K (fill -999 excluded)%n",
          Arrays.toString(temp.shape()),
          temp.dataType().typestr(),
          temp.dimensionNames(),
          values.length,
          sum / valid);
      check(
          Arrays.equals(values, viaKerchunk),
          "identical values through refzarr's and kerchunk's references");
    }
  }

  /** 5. Scan three daily files and combine them along time (kerchunk's MultiZarrToZarr). */
  private void combineSeries(Path dir) throws IOException {
    out.println("== 5. scan three daily files and combine them along time");
    List<CombineInput> inputs = new ArrayList<>();
    for (String day : List.of("day_003.nc", "day_001.nc", "day_002.nc")) {
      inputs.add(CombineInput.of(day, scan(dir, day)));
    }
    ReferenceFileSystemConfig targets = ReferenceFileSystemConfig.builder().root(dir).build();
    CombineSpec spec =
        CombineSpec.builder()
            .concatDims("time")
            .identicalDims("lat", "lon")
            .targets(targets)
            .build();
    ReferenceSet combined = Combiner.combine(inputs, spec);
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(combined, targets)) {
      ZarrArray tas = ZarrArray.open(fs.getPath("/tas"));
      double[] time = ZarrArray.open(fs.getPath("/time")).read().toDoubleArray();
      ArrayData all = tas.read();
      out.printf(
          "  combined: %d keys; tas %s, time = %s%n",
          combined.size(), Arrays.toString(tas.shape()), Arrays.toString(time));
      boolean sameAsSource = true;
      double[] dayTimes = new double[3];
      for (int d = 0; d < 3; d++) {
        try (FileSystem one =
            ReferenceFileSystems.newFileSystem(
                scan(dir, "day_00" + (d + 1) + ".nc"),
                ReferenceFileSystemConfig.builder().root(dir).build())) {
          dayTimes[d] = ZarrArray.open(one.getPath("/time")).read().toDoubleArray()[0];
          float[] day = ZarrArray.open(one.getPath("/tas")).read().toFloatArray();
          float[] slice =
              Arrays.copyOfRange(all.toFloatArray(), d * day.length, (d + 1) * day.length);
          sameAsSource &= Arrays.equals(day, slice);
        }
      }
      check(
          Arrays.equals(time, dayTimes) && sameAsSource,
          "inputs given out of order come out in time order, each day's tas equal to its own file's");
    }
  }
}
