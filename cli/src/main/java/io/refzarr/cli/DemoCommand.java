package io.refzarr.cli;

import io.refzarr.nio.ReferenceFileAttributes;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code refzarr demo}: refzarr's main job on embedded data, no network. It unpacks a small HDF5 file and
 * the kerchunk reference set made for it, opens the set as a {@code reference} file system, walks it,
 * reads every key through the file system and checks each against the original file's bytes.
 */
@Command(name = "demo", description = "Run refzarr's main job on embedded data (no network, no servers).")
final class DemoCommand implements Callable<Integer> {
  private static final List<String> FILES = List.of("nc4_cf.nc", "nc4_cf.json");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("refzarr-demo");
    try {
      unpack(dir);
      out.println("== refzarr demo: kerchunk's references for nc4_cf.nc, read as a file system");
      int mismatches = readEverything(dir, out);
      out.println(mismatches == 0 ? "demo OK: every key matched the source file"
          : "demo FAILED: " + mismatches + " keys differ from the source file");
      return mismatches == 0 ? 0 : 1;
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void unpack(Path dir) throws IOException {
    for (String name : FILES) {
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
        if (in == null) {
          throw new IOException("embedded demo file missing: " + name);
        }
        Files.copy(in, dir.resolve(name));
      }
    }
  }

  private static int readEverything(Path dir, PrintWriter out) throws IOException {
    ReferenceFileSystemConfig config = ReferenceFileSystemConfig.builder().root(dir).build();
    int keys = 0;
    int mismatches = 0;
    long bytes = 0;
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(dir.resolve("nc4_cf.json"), config);
        FileChannel source = FileChannel.open(dir.resolve("nc4_cf.nc"));
        Stream<Path> walk = Files.walk(fs.getPath("/"))) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p)) {
          out.println(p.getParent() == null ? "/" : p + "/");
          continue;
        }
        ReferenceFileAttributes a = Files.readAttributes(p, ReferenceFileAttributes.class);
        byte[] read = Files.readAllBytes(p);
        byte[] expected = expected(a.reference().orElseThrow(), source);
        boolean same = Arrays.equals(read, expected);
        keys++;
        bytes += read.length;
        mismatches += same ? 0 : 1;
        out.printf("  %-14s %6d bytes  %-32s %s%n", p.getFileName(), read.length,
            Describe.reference(a.reference().get()), same ? "ok" : "MISMATCH");
      }
      out.println("lat = " + Arrays.toString(floats(Files.readAllBytes(fs.getPath("/lat/0")))));
      out.println("temp/.zattrs = " + Files.readString(fs.getPath("/temp/.zattrs")));
    }
    out.printf("%d keys, %d bytes read through the reference file system%n", keys, bytes);
    return mismatches;
  }

  private static byte[] expected(Reference ref, FileChannel source) throws IOException {
    if (ref instanceof Reference.Inline) {
      return ((Reference.Inline) ref).data();
    }
    Reference.Range r = (Reference.Range) ref;
    ByteBuffer buf = ByteBuffer.allocate((int) r.length());
    while (buf.hasRemaining() && source.read(buf, r.offset() + buf.position()) > 0) {
      // positional reads until full
    }
    return buf.array();
  }

  private static float[] floats(byte[] bytes) {
    float[] f = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
    return f;
  }
}
