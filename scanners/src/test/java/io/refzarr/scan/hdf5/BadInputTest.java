package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jhdf.checksum.JenkinsLookup3HashLittle;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.MalformedFileException;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.UnsupportedFeatureException;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails fast with an IOException naming the file, never a hang, wrong data or another
 * error.
 */
class BadInputTest {
  private static final ScanOptions SKIP = ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.SKIP);

  @TempDir Path dir;

  @Test
  void scan_randomBytes_failsAsNotHdf5NamingTheFile() throws Exception {
    byte[] garbage = new byte[100_000];
    new Random(1).nextBytes(garbage);
    Path f = write("garbage.bin", garbage);
    assertThatThrownBy(() -> Scans.file(f, "garbage.bin", SKIP))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("garbage.bin")
        .hasMessageContaining("not an HDF5 file");
  }

  @Test
  void scan_rootHeaderClaimingGigabytes_failsBeforeAllocating() throws Exception {
    // fuzz finding: a 120-byte file whose root object header claims 1.6 GB; jhdf allocated it
    // (21 s, 1.6 GB RSS) before failing
    Path f = resource("/io/refzarr/scan/ScannerFuzzTestInputs/hdf5/" + ROOT_HUGE);
    assertThatThrownBy(() -> Scans.file(f, "huge.h5", SKIP))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("huge.h5")
        .hasMessageContaining("root group")
        .hasMessageContaining("1593835544 bytes");
  }

  @Test
  void scan_childHeaderClaimingGigabytes_leavesOutThatGroupOnly() throws Exception {
    // g1's version-1 header claims 1.6 GB (patched into an h5py file); g2 and its dataset scan
    Path f = resource("/io/refzarr/scan/hdf5/huge_child_header.h5");
    Scans.Result r = Scans.file(f, "huge_child_header.h5", SKIP);
    assertThat(r.report().skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.object()).isEqualTo("/g1");
              assertThat(s.reason()).contains("1593835544 bytes");
            });
    assertThat(r.refs().get("g2/x/.zarray")).isPresent();
    assertThat(r.refs().get("g2/x/0")).isPresent();
    assertThat(r.refs().get("g1/.zgroup")).isEmpty();
  }

  @Test
  void scan_dataspaceSizeOf2To63OrMore_leavesThatDatasetOutUnderSkip_failsUnderFail()
      throws Exception {
    // huge.h5's huge_contiguous has shape [2^50] (its size and maximum size at bytes 731 and 739,
    // in the version-2 object header at [715, 983) whose last 4 bytes are its checksum); patched
    // to 2^64 - 1, which jhdf reads as -1, and the checksum made again
    byte[] file = Files.readAllBytes(ChunkIndexTest.fixture("huge.h5"));
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong(731)).isEqualTo(1L << 50);
    assertThat(b.getInt(979))
        .isEqualTo(JenkinsLookup3HashLittle.hash(Arrays.copyOfRange(file, 715, 979)));
    b.putLong(731, -1).putLong(739, -1);
    b.putInt(979, JenkinsLookup3HashLittle.hash(Arrays.copyOfRange(file, 715, 979)));
    Path f = Files.write(dir.resolve("huge_dims.h5"), file);
    Scans.Result r = Scans.file(f, "huge_dims.h5", SKIP);
    assertThat(r.report().skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.object()).isEqualTo("/huge_contiguous");
              assertThat(s.reason()).contains("dataspace size 18446744073709551615");
            });
    assertThat(r.refs().get("huge/.zarray")).isPresent();
    assertThat(r.refs().get("huge_ext/.zarray")).isPresent();
    assertThat(r.refs().get("huge_contiguous/.zarray")).isEmpty();
    assertThatThrownBy(
            () ->
                Scans.file(
                    f, "huge_dims.h5", ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL)))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("huge_dims.h5")
        .hasMessageContaining("/huge_contiguous")
        .hasMessageContaining("dataspace size 18446744073709551615");
  }

  private static final String ROOT_HUGE = "slow-unit-65db05b026b09ef3961e3753dfa93adb23e7dbbb";

  private static Path resource(String name) throws Exception {
    return Path.of(BadInputTest.class.getResource(name).toURI());
  }

  @Test
  void scan_emptyFile_failsAsNotHdf5() throws Exception {
    Path f = write("empty.h5", new byte[0]);
    assertThatThrownBy(() -> Scans.file(f, "empty.h5", SKIP))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("empty.h5");
  }

  @Test
  void scan_netcdf3File_failsAsNotHdf5() throws Exception {
    assertThatThrownBy(() -> Scans.file(Corpus.file("nc3_classic.nc"), "nc3_classic.nc", SKIP))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageContaining("nc3_classic.nc");
  }

  @Test
  void scan_truncatedFiles_failWithAnIoExceptionNamingTheFile() throws Exception {
    byte[] whole = Corpus.bytes("hdf5_filters.h5");
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (int i = 1; i < 40; i++) {
            int cut = (int) ((long) whole.length * i / 40);
            String name = "cut" + i + ".h5";
            Path f = write(name, java.util.Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> Scans.file(f, name, SKIP))
                .as("cut at %d of %d bytes", cut, whole.length)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(name);
          }
        });
  }

  @Test
  void scan_corruptedRegions_eitherScanOrFailWithIoException() throws Exception {
    byte[] whole = Corpus.bytes("nc4_cf.nc");
    Random random = new Random(42);
    assertTimeoutPreemptively(
        Duration.ofSeconds(40),
        () -> {
          for (int i = 0; i < 60; i++) {
            byte[] bad = whole.clone();
            int at =
                random.nextInt(
                    Math.min(bad.length, 22_000)); // the metadata lives in the first part
            for (int j = 0; j < 16 && at + j < bad.length; j++) {
              bad[at + j] = (byte) random.nextInt(256);
            }
            Path f = write("bad" + i + ".nc", bad);
            try {
              Scans.file(f, "bad" + i + ".nc", SKIP);
            } catch (IOException e) {
              assertThat(e).hasMessageContaining("bad" + i + ".nc");
            }
          }
        });
  }

  @Test
  void scan_cyclicChunkBTree_failsNamingTheNode() throws Exception {
    byte[] bytes = Corpus.bytes("hdf5_chunkgrid.h5");
    int root = findChunkNode(bytes, 1);
    // the first child pointer of the level-1 root: after the 24-byte header and the first key (8 +
    // 8 * 3)
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(root + 24 + 32, root);
    Path f = write("cyclic.h5", bytes);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> Scans.file(f, "cyclic.h5", SKIP))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cyclic.h5")
                .hasMessageContaining("chunk B-tree node at byte " + root));
  }

  @Test
  void scan_layoutVersion5File_failsUnderFailEachDatasetReportedUnderSkip() throws Exception {
    // jhdf reads every child's header when it lists a group: under FAIL the whole group fails;
    // under SKIP the
    // group is listed link by link and only the datasets jhdf cannot read are left out
    Path f = ChunkIndexTest.fixture("layout_v5.h5");
    assertThatThrownBy(
            () ->
                Scans.file(
                    f, "layout_v5.h5", ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL)))
        .isInstanceOf(io.refzarr.scan.UnsupportedFeatureException.class)
        .hasMessageContaining("layout_v5.h5: /:")
        .hasMessageContaining("version = 5");
    Scans.Result r = Scans.file(f, "layout_v5.h5", SKIP);
    assertThat(r.report().skipped())
        .extracting(io.refzarr.scan.ScanReport.Skipped::object)
        .contains("/single_gzip", "/btree_v2");
    assertThat(r.report().skipped())
        .allSatisfy(s -> assertThat(s.reason()).contains("version = 5").doesNotContain("address"));
    assertThat(r.refs().get(".zgroup")).isPresent();
  }

  @Test
  void scan_externalStorageDatasetUnderFail_failsAsUnsupportedNotSilentlyEmpty() throws Exception {
    Path f = ChunkIndexTest.fixture("external.h5");
    assertThatThrownBy(
            () ->
                Scans.file(f, "external.h5", ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL)))
        .isInstanceOf(io.refzarr.scan.UnsupportedFeatureException.class)
        .hasMessageContaining("external.h5: /g:")
        .hasMessageContaining("External Data Files");
  }

  @Test
  void scan_externalStorageDatasetUnderSkip_itReportedTheRestKept() throws Exception {
    Scans.Result r = Scans.file(ChunkIndexTest.fixture("external.h5"), "external.h5", SKIP);
    assertThat(r.report().skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.object()).isEqualTo("/g/ext"))
        .satisfies(s -> assertThat(s.reason()).contains("External Data Files"));
    assertThat(r.refs().keys().filter(k -> k.startsWith("g/ext"))).isEmpty();
    assertThat(r.refs().get("g/plain/0")).isPresent(); // its sibling stays
    assertThat(r.refs().get("kept/0")).isPresent();
  }

  @Test
  void scan_absurdNeverWrittenShapes_metadataOnlyFast() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          io.refzarr.refs.ReferenceSet refs =
              Scans.file(ChunkIndexTest.fixture("huge.h5"), "huge.h5", SKIP).refs();
          assertThat(refs.keys().filter(k -> !k.contains(".z"))).isEmpty();
          String zarray =
              new String(
                  ((io.refzarr.refs.Reference.Inline) refs.get("huge/.zarray").orElseThrow())
                      .data(),
                  java.nio.charset.StandardCharsets.UTF_8);
          assertThat(zarray).contains("\"shape\":[1099511627776,1099511627776]");
          assertThat(refs.get("huge_ext/.zarray")).isPresent();
          assertThat(refs.get("huge_contiguous/.zarray")).isPresent();
        });
  }

  @Test
  void scan_virtualDataset_reportedUnderSkipFailsUnderFail() throws Exception {
    Path f = ChunkIndexTest.fixture("virtual.h5");
    assertThatThrownBy(
            () ->
                Scans.file(f, "virtual.h5", ScanOptions.DEFAULT.withErrorPolicy(ErrorPolicy.FAIL)))
        .isInstanceOf(io.refzarr.scan.UnsupportedFeatureException.class)
        .hasMessageContaining("virtual.h5: /g:")
        .hasMessageContaining("Virtual storage");
    Scans.Result r = Scans.file(f, "virtual.h5", SKIP);
    assertThat(r.report().skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.object()).isEqualTo("/g/virtual"))
        .satisfies(s -> assertThat(s.reason()).contains("Virtual storage"));
    assertThat(r.refs().get("src/0")).isPresent();
  }

  @Test
  void scan_groupBTreePointingToItself_failsNamingTheNodeOffset() throws Exception {
    // issue 16 #7: a level-1 group B-tree node whose first child is the node itself
    byte[] bytes = Corpus.bytes("hdf5_chunkgrid.h5");
    int node = findNode(bytes, 0, 0);
    bytes[node + 5] = 1;
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(node + 24 + 8, node);
    Path f = write("selfgroup.h5", bytes);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> Scans.file(f, "selfgroup.h5", SKIP))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("selfgroup.h5")
                .hasMessageContaining("group B-tree node at byte " + node));
  }

  /** The offset of the first version-1 B-tree node ("TREE") of the given type and level. */
  private static int findNode(byte[] b, int type, int level) {
    for (int i = 0; i + 6 < b.length; i++) {
      if (b[i] == 'T'
          && b[i + 1] == 'R'
          && b[i + 2] == 'E'
          && b[i + 3] == 'E'
          && b[i + 4] == type
          && b[i + 5] == level) {
        return i;
      }
    }
    throw new AssertionError("no B-tree node of type " + type + " and level " + level);
  }

  /** The offset of the first version-1 chunk B-tree node ("TREE", type 1) of the given level. */
  private static int findChunkNode(byte[] b, int level) {
    for (int i = 0; i + 6 < b.length; i++) {
      if (b[i] == 'T'
          && b[i + 1] == 'R'
          && b[i + 2] == 'E'
          && b[i + 3] == 'E'
          && b[i + 4] == 1
          && b[i + 5] == level) {
        return i;
      }
    }
    throw new AssertionError("no chunk B-tree node of level " + level);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
