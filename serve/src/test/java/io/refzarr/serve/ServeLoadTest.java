package io.refzarr.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 32 concurrent clients, each with its own connections, make 100 random ranged reads of the
 * 1,000-chunk set over loopback; every response is compared with the original file's bytes.
 */
@Timeout(180)
class ServeLoadTest {
  private static final int CLIENTS = 32;
  private static final int READS_PER_CLIENT = 100;

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
    try (FileSystem fs =
            ReferenceFileSystems.newFileSystem(setFile, ZarrHttpServerTest.corpusRoot());
        ZarrHttpServer server =
            ZarrHttpServer.start(fs.getPath("/"), ZarrHttpServer.loopback(0), log::add)) {
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          done.add(clients.submit(client(server.uri(), refs, keys, file, new Random(c))));
        }
        int checked = 0;
        for (Future<Integer> f : done) {
          checked += f.get();
        }
        assertThat(checked).isEqualTo(CLIENTS * READS_PER_CLIENT);
      } finally {
        clients.shutdownNow();
      }
    }
    assertThat(log).isEmpty();
    assertThat(keys).hasSizeGreaterThan(900);
  }

  private static Callable<Integer> client(
      URI base, ReferenceSet refs, List<String> keys, byte[] file, Random random) {
    return () -> {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < READS_PER_CLIENT; i++) {
        String key = keys.get(random.nextInt(keys.size()));
        Reference.Range ref = (Reference.Range) refs.get(key).orElseThrow();
        int from = random.nextInt((int) ref.length());
        int to = from + random.nextInt((int) ref.length() - from);
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(base.resolve(key))
                    .header("Range", "bytes=" + from + "-" + to)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int start = (int) ref.offset() + from;
        assertThat(r.statusCode()).as(key).isEqualTo(206);
        assertThat(r.body())
            .as(key + " bytes " + from + "-" + to)
            .isEqualTo(Arrays.copyOfRange(file, start, (int) ref.offset() + to + 1));
      }
      return READS_PER_CLIENT;
    };
  }
}
