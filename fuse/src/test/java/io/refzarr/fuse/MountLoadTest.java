package io.refzarr.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 threads read random ranges of random chunk files of the mounted 1,000-chunk set through the
 * kernel, half of them sharing one open file each (FUSE then reads one handle from several
 * threads); every read is compared with the original file's bytes.
 */
@Timeout(180)
class MountLoadTest {
  private static final int READERS = 16;
  private static final int READS_PER_READER = 200;
  @TempDir Path mountPoint;

  @BeforeEach
  void needsFuse() {
    FuseAvailable.assume();
  }

  @Test
  void concurrentRangedReads_returnTheOriginalBytes() throws Exception {
    Path setFile = Corpus.file("golden/hdf5_chunkgrid.json");
    ReferenceSet refs = ReferenceSets.readJson(setFile);
    List<String> keys = new ArrayList<>();
    for (String k : (Iterable<String>) refs.keys()::iterator) {
      if (refs.get(k).orElseThrow() instanceof Reference.Range) {
        keys.add(k);
      }
    }
    byte[] file = Corpus.bytes("hdf5_chunkgrid.h5");
    List<String> log = new CopyOnWriteArrayList<>();
    try (FileSystem fs = ReferenceFileSystems.newFileSystem(setFile, FuseMountTest.corpusRoot());
        FuseMount mount = FuseMount.mount(fs.getPath("/"), mountPoint, log::add)) {
      ExecutorService pool = Executors.newFixedThreadPool(READERS);
      try (FileChannel shared = FileChannel.open(mount.mountPoint().resolve(keys.get(0)))) {
        List<Future<Integer>> done = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
          done.add(
              pool.submit(reader(mount.mountPoint(), refs, keys, file, shared, new Random(r))));
        }
        int checked = 0;
        for (Future<Integer> f : done) {
          checked += f.get();
        }
        assertThat(checked).isEqualTo(READERS * READS_PER_READER);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(log).isEmpty();
  }

  private static Callable<Integer> reader(
      Path mp,
      ReferenceSet refs,
      List<String> keys,
      byte[] file,
      FileChannel shared,
      Random random) {
    return () -> {
      for (int i = 0; i < READS_PER_READER; i++) {
        boolean useShared = random.nextBoolean();
        String key = useShared ? keys.get(0) : keys.get(random.nextInt(keys.size()));
        Reference.Range ref = (Reference.Range) refs.get(key).orElseThrow();
        int from = random.nextInt((int) ref.length());
        ByteBuffer got = ByteBuffer.allocate(1 + random.nextInt((int) ref.length() - from));
        if (useShared) {
          shared.read(got, from);
        } else {
          try (FileChannel ch = FileChannel.open(mp.resolve(key))) {
            ch.read(got, from);
          }
        }
        int start = (int) ref.offset() + from;
        assertThat(Arrays.copyOf(got.array(), got.position()))
            .as(key + " from " + from)
            .isEqualTo(Arrays.copyOfRange(file, start, start + got.capacity()));
      }
      return READS_PER_READER;
    };
  }
}
