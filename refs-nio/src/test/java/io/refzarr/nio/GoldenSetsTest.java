package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden kerchunk reference set of the corpus opens, and for every key the bytes read through
 * the file system equal the original file's bytes at that range (or the inline value).
 */
class GoldenSetsTest {

  @TestFactory
  Stream<DynamicTest> everyKey_readThroughFileSystem_equalsSourceBytes() throws IOException {
    return Corpus.goldenJsonSets().stream()
        .map(
            set ->
                DynamicTest.dynamicTest(
                    Corpus.dir().relativize(set).toString(), () -> checkSet(set)));
  }

  private static void checkSet(Path setFile) throws IOException {
    Map<String, Object> env = Map.of("root", Corpus.dir());
    ReferenceSet refs = ReferenceSets.readJson(setFile);
    long checked = 0;
    try (FileSystem fs = FileSystems.newFileSystem(setFile, env)) {
      Iterator<String> keys = refs.keys().iterator();
      while (keys.hasNext()) {
        String key = keys.next();
        Reference ref = refs.get(key).orElseThrow();
        byte[] expected = expectedBytes(ref);
        Path p = fs.getPath("/" + key);
        assertThat(Files.readAllBytes(p)).as(key).isEqualTo(expected);
        assertThat(Files.size(p)).as(key).isEqualTo(expected.length);
        assertThat(Files.isRegularFile(p)).as(key).isTrue();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(refs.size()).isPositive();
  }

  /** The bytes a reference names, read straight from the corpus file. */
  static byte[] expectedBytes(Reference ref) throws IOException {
    if (ref instanceof Reference.Inline) {
      return ((Reference.Inline) ref).data();
    }
    if (ref instanceof Reference.Whole) {
      return Corpus.bytes(((Reference.Whole) ref).target());
    }
    Reference.Range r = (Reference.Range) ref;
    try (FileChannel ch = FileChannel.open(Corpus.file(r.target()))) {
      ByteBuffer buf = ByteBuffer.allocate((int) r.length());
      while (buf.hasRemaining()) {
        if (ch.read(buf, r.offset() + buf.position()) < 0) {
          throw new IOException("corpus file shorter than the golden reference " + r);
        }
      }
      return buf.array();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyKey_readByChannelsAndStreams_equalsReadAllBytes() throws IOException {
    return Stream.of(
            "golden/nc4_cf.json",
            "golden/hdf5_chunkgrid.json",
            "golden/archives/bundle_tar/day_001.json")
        .map(name -> DynamicTest.dynamicTest(name, () -> checkAccessPaths(Corpus.file(name))));
  }

  private static void checkAccessPaths(Path setFile) throws IOException {
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(
                setFile, ReferenceFileSystemConfig.builder().root(Corpus.dir()).build());
        Stream<Path> walk = Files.walk(fs.getPath("/"))) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        byte[] all = Files.readAllBytes(p);
        try (InputStream in = Files.newInputStream(p)) {
          assertThat(in.readAllBytes()).as(p.toString()).isEqualTo(all);
        }
        try (SeekableByteChannel ch = Files.newByteChannel(p)) {
          // read backwards in odd-sized pieces: positions and partial buffers
          ByteBuffer back = ByteBuffer.allocate(all.length);
          for (int end = all.length; end > 0; end -= 7) {
            int start = Math.max(0, end - 7);
            ByteBuffer piece = ByteBuffer.allocate(end - start);
            ch.position(start);
            assertThat(ch.read(piece)).isEqualTo(end - start);
            back.position(start);
            back.put(piece.flip());
          }
          assertThat(back.array()).as(p.toString()).isEqualTo(all);
          ch.position(all.length);
          assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
        try (FileChannel fc = FileChannel.open(p)) {
          ByteBuffer whole = ByteBuffer.allocate(all.length + 10);
          assertThat(fc.read(whole, 0)).isEqualTo(all.length);
        }
      }
    }
  }
}
