package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import io.refzarr.testing.TarBuilder;
import io.refzarr.testing.TrackingByteRangeReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tar and zip members read as ranges of their archive, on local files and over HTTP. */
class ArchiveMemberReaderTest {
  @TempDir Path dir;
  private ByteRangeReaders registry;

  @BeforeEach
  void open() {
    registry = ByteRangeReaders.create(Map.of());
  }

  @AfterEach
  void close() throws IOException {
    registry.close();
  }

  private byte[] readAll(URI member) throws IOException {
    ByteRangeReader r = registry.forTarget(member);
    return r.read(member, 0, (int) r.size(member)).array();
  }

  private static URI chained(String scheme, String member, URI container) {
    return new ChainedUrl(scheme, member, container).toUri();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar", "zip"})
  void read_corpusBundleMembers_equalTheOriginalFiles(String kind) throws IOException {
    URI bundle = Corpus.file("archives/bundle." + kind).toUri();
    assertThat(readAll(chained(kind, "day_001.nc", bundle)))
        .isEqualTo(Corpus.bytes("series/day_001.nc"));
    assertThat(readAll(chained(kind, "day_002.nc", bundle)))
        .isEqualTo(Corpus.bytes("series/day_002.nc"));
    assertThat(readAll(chained(kind, "nc3_classic.nc", bundle)))
        .isEqualTo(Corpus.bytes("nc3_classic.nc"));
  }

  @Test
  void read_tarOverHttp_readsOnlyHeadersAndTheRange() throws IOException {
    try (RangeHttpServer server = RangeHttpServer.serve(Corpus.dir())) {
      URI member = chained("tar", "nc3_classic.nc", server.uri("archives/bundle.tar"));
      byte[] want = Corpus.bytes("nc3_classic.nc");
      ByteRangeReader r = registry.forTarget(member);
      assertThat(r.read(member, 100, 200).array())
          .isEqualTo(java.util.Arrays.copyOfRange(want, 100, 300));
      int afterIndex = server.gets();
      r.read(member, 300, 50);
      assertThat(server.gets() - afterIndex).isEqualTo(1);
    }
  }

  @Test
  void read_tarWithLongNames_findsGnuAndPaxNames() throws IOException {
    String gnu = "deep/" + "g".repeat(120) + "/data.bin";
    String pax = "deep/" + "p".repeat(130) + "/data.bin";
    byte[] a = random(1, 1000);
    byte[] b = random(2, 513);
    byte[] c = random(3, 512);
    Path tar = dir.resolve("t.tar");
    Files.write(
        tar,
        new TarBuilder()
            .addDirectory("deep/")
            .add("./plain.bin", c)
            .addGnuLongName(gnu, a)
            .addPax(pax, b)
            .build());
    assertThat(readAll(chained("tar", gnu, tar.toUri()))).isEqualTo(a);
    assertThat(readAll(chained("tar", pax, tar.toUri()))).isEqualTo(b);
    assertThat(readAll(chained("tar", "plain.bin", tar.toUri()))).isEqualTo(c);
  }

  @Test
  void read_sparseTarMember_failsNamingIt() throws IOException {
    Path tar = dir.resolve("sparse.tar");
    Files.write(
        tar,
        new TarBuilder()
            .addSparse("holes.bin", new byte[700])
            .add("after.bin", new byte[] {9})
            .build());
    assertThatThrownBy(() -> readAll(chained("tar", "holes.bin", tar.toUri())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holes.bin")
        .hasMessageContaining("sparse");
    assertThat(readAll(chained("tar", "after.bin", tar.toUri()))).containsExactly(9);
  }

  @Test
  void read_missingMember_throwsNoSuchFile() {
    URI m = chained("tar", "absent.nc", Corpus.file("archives/bundle.tar").toUri());
    assertThatThrownBy(() -> readAll(m))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("absent.nc");
  }

  @Test
  void read_pastMemberEnd_throwsEof() throws IOException {
    URI m = chained("zip", "day_001.nc", Corpus.file("archives/bundle.zip").toUri());
    long size = registry.forTarget(m).size(m);
    assertThatThrownBy(() -> registry.forTarget(m).read(m, size - 4, ByteBuffer.allocate(8)))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("day_001.nc");
  }

  @Test
  void read_notATar_throwsClearError() throws IOException {
    Path notTar = dir.resolve("x.tar");
    Files.write(notTar, random(4, 2048));
    assertThatThrownBy(() -> readAll(chained("tar", "a", notTar.toUri())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad checksum");
  }

  @Test
  void read_deflatedZipMember_throwsZipExceptionNamingIt() throws IOException {
    Path zip = dir.resolve("z.zip");
    byte[] data = new byte[5000];
    writeZip(zip, "stored.bin", data, ZipEntry.STORED, "deflated.bin", data, ZipEntry.DEFLATED);
    assertThat(readAll(chained("zip", "stored.bin", zip.toUri()))).isEqualTo(data);
    assertThatThrownBy(() -> readAll(chained("zip", "deflated.bin", zip.toUri())))
        .isInstanceOf(ZipException.class)
        .hasMessageContaining("deflated.bin")
        .hasMessageContaining("compressed");
  }

  @Test
  void read_zipWithLocalExtraField_usesTheLocalHeader() throws IOException {
    Path zip = dir.resolve("extra.zip");
    byte[] data = random(5, 3000);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      ZipEntry e = stored("x.bin", data);
      e.setExtra(
          new byte[] {(byte) 0xca, (byte) 0xfe, 4, 0, 1, 2, 3, 4}); // local only: central differs
      z.putNextEntry(e);
      z.write(data);
      z.closeEntry();
    }
    assertThat(readAll(chained("zip", "x.bin", zip.toUri()))).isEqualTo(data);
  }

  @Test
  void read_tarInsideZip_chainsThroughBoth() throws IOException {
    byte[] data = random(6, 777);
    byte[] tar = new TarBuilder().add("inner.bin", data).build();
    Path zip = dir.resolve("outer.zip");
    writeZip(zip, "a.tar", tar, ZipEntry.STORED, "pad", new byte[1], ZipEntry.STORED);
    URI inner = chained("tar", "inner.bin", chained("zip", "a.tar", zip.toUri()));
    assertThat(readAll(inner)).isEqualTo(data);
  }

  @Test
  void read_manyMembers_indexBuiltOnceThroughWindows() throws IOException {
    TarBuilder b = new TarBuilder();
    for (int i = 0; i < 200; i++) {
      b.add("m" + i, new byte[] {(byte) i});
    }
    Path tar = dir.resolve("many.tar");
    Files.write(tar, b.build());
    TrackingByteRangeReader tracking = new TrackingByteRangeReader(ByteRangeReaders.nio(), true);
    registry.register(tracking.provider("file"));
    for (int i = 0; i < 200; i += 50) {
      assertThat(readAll(chained("tar", "m" + i, tar.toUri()))).containsExactly((byte) i);
    }
    // 200 headers in 200 KiB: read in 64 KiB windows, not one request per header
    assertThat(tracking.requests()).isLessThanOrEqualTo(4 + 4);
  }

  private static ZipEntry stored(String name, byte[] data) {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    return e;
  }

  private static void writeZip(Path zip, String n1, byte[] d1, int m1, String n2, byte[] d2, int m2)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Object[] e : new Object[][] {{n1, d1, m1}, {n2, d2, m2}}) {
        ZipEntry entry =
            (int) e[2] == ZipEntry.STORED
                ? stored((String) e[0], (byte[]) e[1])
                : new ZipEntry((String) e[0]);
        z.putNextEntry(entry);
        z.write((byte[]) e[1]);
        z.closeEntry();
      }
    }
    Files.write(zip, bytes.toByteArray());
  }

  private static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar", "zip"})
  void read_damagedArchive_failsWithIoExceptionOrReadsTheMember(String kind) throws IOException {
    byte[] good = Corpus.bytes("archives/bundle." + kind);
    Random rnd = new Random(11);
    int failures = 0;
    for (int i = 0; i < 300; i++) {
      byte[] bad = good.clone();
      // damage the places headers live: the start of the archive and (zip) its central directory at
      // the end
      int at =
          i % 2 == 0 ? rnd.nextInt(Math.min(1024, bad.length)) : bad.length - 1 - rnd.nextInt(400);
      bad[at] = (byte) rnd.nextInt(256);
      Path p = dir.resolve("bad" + i + "." + kind);
      Files.write(p, bad);
      try (ByteRangeReaders fresh = ByteRangeReaders.create(Map.of())) {
        URI m = chained(kind, "nc3_classic.nc", p.toUri());
        ByteRangeReader r = fresh.forTarget(m);
        int size = (int) r.size(m);
        assertThat(r.read(m, 0, size).array())
            .hasSize(size); // a damaged size can pass: zip has no header checksum
      } catch (IOException e) {
        failures++;
      }
    }
    assertThat(failures).isPositive();
  }
}
