package io.refzarr.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.InvalidReferenceSetException;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.source.ByteRangeReaders;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.RangeHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record files served over HTTP (loopback) and read by ranged requests through refs-nio's byte
 * sources.
 */
class HttpRecordsTest {
  @TempDir Path tmp;

  @Test
  void open_directoryOverHttp_sameReferencesAsLocal() throws IOException {
    ReferenceSet source = ReferenceSets.readJson(Corpus.file("golden/nc4_cf.json"));
    Path local = tmp.resolve("cf.parq");
    LazyReferenceSets.write(source, local, WriteOptions.DEFAULT.withRecordSize(5).withPageRows(2));
    try (RangeHttpServer server = RangeHttpServer.serve(tmp);
        ByteRangeReaders sources = ByteRangeReaders.create(Map.of());
        LazyReferenceSet remote =
            LazyReferenceSets.open(server.uri("cf.parq/"), sources, LazyOptions.DEFAULT)) {
      List<String> keys = source.keys().sorted().collect(Collectors.toList());
      assertThat(remote.keys().sorted().collect(Collectors.toList())).isEqualTo(keys);
      for (String key : keys) {
        if (!key.contains(".z")) {
          assertThat(remote.get(key)).as(key).isEqualTo(source.get(key));
        }
      }
    }
  }

  @Test
  void open_missingZmetadataOverHttp_namesTheUrl() throws IOException {
    Files.createDirectories(tmp.resolve("empty.parq"));
    try (RangeHttpServer server = RangeHttpServer.serve(tmp);
        ByteRangeReaders sources = ByteRangeReaders.create(Map.of())) {
      assertThatThrownBy(
              () -> LazyReferenceSets.open(server.uri("empty.parq"), sources, LazyOptions.DEFAULT))
          .isInstanceOf(InvalidReferenceSetException.class)
          .hasMessageContaining(server.uri("empty.parq/.zmetadata").toString());
    }
  }
}
