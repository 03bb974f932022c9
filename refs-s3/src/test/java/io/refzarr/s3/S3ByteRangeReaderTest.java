package io.refzarr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.source.ReferenceNotReachableException;
import io.refzarr.source.TargetChangedException;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.Retarget;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S3 source through the real AWS SDK against an in-process s3proxy on 127.0.0.1: the corpus
 * golden sets re-targeted to a bucket (and into the tar archive in the bucket) read the original
 * files' bytes.
 */
class S3ByteRangeReaderTest {
  private static final String BUCKET = "corpus";
  private static LocalS3 s3;
  private static Map<String, Object> options;

  @BeforeAll
  static void start() throws Exception {
    s3 = new LocalS3();
    s3.createBucket(BUCKET);
    try (Stream<Path> files = Files.walk(Corpus.dir())) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.toString().contains("golden"))
              .collect(Collectors.toList())) {
        put(Corpus.dir().relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    options = LocalS3.options(s3.endpoint());
  }

  private static void put(String key, byte[] data) {
    s3.put(BUCKET, key, data);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  private static ReferenceFileSystemConfig config() {
    ReferenceFileSystemConfig.Builder b = ReferenceFileSystemConfig.builder().root(Corpus.dir());
    options.forEach(b::remoteOption);
    return b.build();
  }

  @Test
  void create_s3Url_isServedByThisModuleThroughServiceLoader() throws IOException {
    try (ByteRangeReaders r = ByteRangeReaders.create(options)) {
      assertThat(r.forTarget(URI.create("s3://" + BUCKET + "/nc4_cf.nc")))
          .isInstanceOf(S3ByteRangeReader.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "golden/nc4_cf.json",
        "golden/hdf5_filters.json",
        "golden/nc3_classic.json",
        "golden/archives/bundle_tar/day_001.json",
        "golden/archives/chained/bundle_tar__day_002.json",
        "golden/archives/chained/bundle_zip__nc3_classic.json"
      })
  void readKeys_goldenSetInBucket_equalsTheOriginalFiles(String golden) throws IOException {
    ReferenceSet local = ReferenceSets.readJson(Corpus.file(golden));
    UnaryOperator<String> toS3 =
        t ->
            t.contains("::")
                ? t.replace("::", "::s3://" + BUCKET + "/")
                : "s3://" + BUCKET + "/" + t;
    List<String> keys = local.keys().collect(Collectors.toList());
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(Retarget.of(local, toS3), config())) {
      Map<String, byte[]> batch = ReferenceFileSystems.readKeys(fs, keys);
      for (String key : keys) {
        byte[] want = expected(local.get(key).orElseThrow());
        assertThat(batch.get(key)).as(key).isEqualTo(want);
        assertThat(Files.readAllBytes(fs.getPath("/" + key))).as(key).isEqualTo(want);
      }
    }
  }

  private static byte[] expected(Reference ref) throws IOException {
    if (ref instanceof Reference.Inline) {
      return ((Reference.Inline) ref).data();
    }
    Reference.Range r = (Reference.Range) ref;
    String file = r.target();
    int chain = file.indexOf("::");
    if (chain > 0) {
      String member = file.substring(file.indexOf("://") + 3, chain);
      file = member.startsWith("day_") ? "series/" + member : member;
    }
    return Arrays.copyOfRange(Corpus.bytes(file), (int) r.offset(), (int) r.end());
  }

  @Test
  void read_missingObject_throwsNoSuchFile() throws IOException {
    try (ByteRangeReaders r = ByteRangeReaders.create(options)) {
      URI missing = URI.create("s3://" + BUCKET + "/absent.nc");
      assertThatThrownBy(() -> r.forTarget(missing).read(missing, 0, 10))
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void read_pastEnd_throwsEof() throws IOException {
    try (ByteRangeReaders r = ByteRangeReaders.create(options)) {
      URI uri = URI.create("s3://" + BUCKET + "/nc3_classic.nc");
      ByteRangeReader reader = r.forTarget(uri);
      long size = reader.size(uri);
      assertThat(size).isEqualTo(Files.size(Corpus.file("nc3_classic.nc")));
      assertThatThrownBy(() -> reader.read(uri, size - 5, ByteBuffer.allocate(10)))
          .isInstanceOf(EOFException.class);
    }
  }

  @Test
  void readAllBytes_objectReplacedMidUse_failsNamingTheChange() throws IOException {
    put("changing.bin", new byte[4000]);
    ReferenceSet set =
        ReferenceSets.builder()
            .putTargetRef("c/0", "s3://" + BUCKET + "/changing.bin", 0, 100)
            .putTargetRef("c/1", "s3://" + BUCKET + "/changing.bin", 2000, 100)
            .build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, config())) {
      assertThat(Files.readAllBytes(fs.getPath("/c/0"))).hasSize(100);
      byte[] other = new byte[4000];
      Arrays.fill(other, (byte) 7);
      put("changing.bin", other);
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/c/1")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasCauseInstanceOf(TargetChangedException.class);
    }
  }

  @Test
  void read_badS3Url_failsAsIoException() {
    ReferenceSet set = ReferenceSets.builder().putTargetRef("b/0", "s3://" + BUCKET, 0, 10).build();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(set, config())) {
      assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/b/0")))
          .isInstanceOf(ReferenceNotReachableException.class)
          .hasMessageContaining("s3://bucket/key");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
