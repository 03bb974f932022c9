package io.refzarr.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A corpus set mounted through FUSE, read with shell tools, h5dump and ncdump. */
@Timeout(120)
class FuseMountTest {
  @TempDir Path mountPoint;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void needsFuse() {
    FuseAvailable.assume();
  }

  static ReferenceFileSystemConfig corpusRoot() {
    return ReferenceFileSystemConfig.builder().root(Corpus.dir()).build();
  }

  @Test
  void mountedSet_listsReadsRefusesWritesAndUnmounts() throws Exception {
    Path mp;
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(Corpus.file("golden/nc4_cf.json"), corpusRoot());
        FuseMount mount = FuseMount.mount(fs.getPath("/"), mountPoint, log::add)) {
      mp = mount.mountPoint();
      ExternalTools.Result ls = ExternalTools.run(30, "ls", "-R", mp.toString());
      Path chunk = mp.resolve("precip/0.0.1");
      ExternalTools.Result mkdir = ExternalTools.run(30, "mkdir", mp.resolve("new").toString());

      assertThat(ls.ok()).as(ls.output()).isTrue();
      assertThat(ls.output()).contains(mp + "/precip:", "0.0.1", "temp");
      assertThat(cat(chunk)).isEqualTo(source("nc4_cf.nc", 78915, 1118));
      assertThat(Files.size(chunk)).isEqualTo(1118);
      assertThat(MountTable.isMounted(mp)).isTrue();
      assertThat(mkdir.output()).contains("Read-only file system");
      assertThatThrownBy(() -> Files.write(mp.resolve(".zgroup"), new byte[1]))
          .isInstanceOf(IOException.class);
      assertThat(Files.readAllBytes(mp.resolve(".zgroup")))
          .isEqualTo(Files.readAllBytes(fs.getPath("/.zgroup")));
    }
    assertThat(MountTable.isMounted(mp)).as("released after close").isFalse();
    assertThat(log).isEmpty();
  }

  @Test
  void close_withAFileStillOpen_detachesTheMountPoint() throws Exception {
    Path mp;
    try (FileSystem fs =
        ReferenceFileSystems.newFileSystem(Corpus.file("golden/nc4_cf.json"), corpusRoot())) {
      FuseMount mount = FuseMount.mount(fs.getPath("/"), mountPoint, log::add);
      mp = mount.mountPoint();
      try (java.io.InputStream busy = Files.newInputStream(mp.resolve("precip/0.0.1"))) {
        assertThat(busy.read()).isEqualTo(source("nc4_cf.nc", 78915, 1)[0] & 0xff);
        mount.close();

        assertThat(MountTable.isMounted(mp)).as("detached although busy").isFalse();
      }
    }
    assertThat(MountTable.isMounted(mp)).isFalse();
  }

  @Test
  void unreadableTarget_isEioAndTheLogNamesTheKey() throws Exception {
    ReferenceSet set =
        ReferenceSets.builder()
            .putInline(".zgroup", "{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8))
            .putTargetRef("a/0", "no-such-file.nc", 10, 20)
            .build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, corpusRoot());
        FuseMount mount = FuseMount.mount(fs.getPath("/"), mountPoint, log::add)) {
      Path chunk = mount.mountPoint().resolve("a/0");
      ExternalTools.Result cat = ExternalTools.run(30, "cat", chunk.toString());

      assertThat(Files.size(chunk)).as("size from the reference alone").isEqualTo(20);
      assertThat(cat.ok()).isFalse();
      assertThat(cat.output()).contains("Input/output error");
      assertThat(log)
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains("a/0", "no-such-file.nc"));
    }
  }

  @Test
  void wholeFileReferences_readByH5dumpAndNcdump() throws Exception {
    assumeTrue(
        ExternalTools.onPath("ncdump") || ExternalTools.onPath("h5dump"),
        "neither ncdump nor h5dump is installed (apt-get install netcdf-bin hdf5-tools)");
    ReferenceSet set =
        ReferenceSets.of(
            java.util.Map.of(
                "files/nc4_cf.nc", Reference.whole("nc4_cf.nc"),
                "files/nc3_classic.nc", Reference.whole("nc3_classic.nc")));
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, corpusRoot());
        FuseMount mount = FuseMount.mount(fs.getPath("/"), mountPoint, log::add)) {
      Path nc4 = mount.mountPoint().resolve("files/nc4_cf.nc");
      Path nc3 = mount.mountPoint().resolve("files/nc3_classic.nc");

      assertThat(Files.size(nc4)).isEqualTo(Files.size(Corpus.file("nc4_cf.nc")));
      assertThat(cat(nc3)).isEqualTo(Corpus.bytes("nc3_classic.nc"));
      if (ExternalTools.onPath("h5dump")) {
        ExternalTools.Result h5 = ExternalTools.run(60, "h5dump", "-H", nc4.toString());
        assertThat(h5.ok()).as(h5.output()).isTrue();
        assertThat(h5.output()).contains("DATASET \"temp\"", "DATASET \"precip\"");
      }
      if (ExternalTools.onPath("ncdump")) {
        ExternalTools.Result cdf4 = ExternalTools.run(60, "ncdump", "-h", nc4.toString());
        ExternalTools.Result cdf3 = ExternalTools.run(60, "ncdump", "-h", nc3.toString());
        assertThat(cdf4.output()).as(cdf4.output()).contains("float temp(", "short precip(");
        assertThat(cdf3.ok()).as(cdf3.output()).isTrue();
        assertThat(cdf3.output()).contains("netcdf nc3_classic", "t2m");
      }
    }
    assertThat(log).isEmpty();
  }

  /** The bytes {@code cat} prints for a file. */
  static byte[] cat(Path file) throws IOException, InterruptedException {
    Path out = Files.createTempFile("refzarr-cat", ".bin");
    try {
      Process p = new ProcessBuilder("cat", file.toString()).redirectOutput(out.toFile()).start();
      assertThat(p.waitFor()).as("cat " + file).isZero();
      return Files.readAllBytes(out);
    } finally {
      Files.delete(out);
    }
  }

  static byte[] source(String file, int offset, int length) throws IOException {
    return Arrays.copyOfRange(Corpus.bytes(file), offset, offset + length);
  }
}
