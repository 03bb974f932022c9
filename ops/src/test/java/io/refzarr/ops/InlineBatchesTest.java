package io.refzarr.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSetBuilder;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.refs.ReferenceSink;
import io.refzarr.source.ByteRangeReader;
import io.refzarr.source.ByteRangeReaderProvider;
import io.refzarr.source.SourceContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code inline} fetches several batches at once, and writes the output in the order a
 * one-batch-at-a-time run writes it.
 */
class InlineBatchesTest {
  private static final int EMBEDDED = 3 * Inliner.BATCH_KEYS + 500;

  /**
   * A slow source ({@code slow://x/tN}, byte {@code p} of target {@code N} is {@code p + N}) that
   * records how many targets it reads at the same time: each batch reads one target.
   */
  private static final class SlowSource implements ByteRangeReader, ByteRangeReaderProvider {
    private final Set<String> reading = new HashSet<>();
    private int most;

    @Override
    public Set<String> schemes() {
      return Set.of("slow");
    }

    @Override
    public ByteRangeReader create(SourceContext context) {
      return this;
    }

    @Override
    public void read(URI target, long offset, ByteBuffer dst) throws IOException {
      String t = target.getPath();
      synchronized (this) {
        reading.add(t);
        most = Math.max(most, reading.size());
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      } finally {
        synchronized (this) {
          reading.remove(t);
        }
      }
      int n = Integer.parseInt(t.substring(2));
      for (long p = offset; dst.hasRemaining(); p++) {
        dst.put((byte) (p + n));
      }
    }

    @Override
    public long size(URI target) {
      return 1L << 30;
    }

    @Override
    public void close() {}
  }

  /** Records every put in order. */
  private static final class Recording implements ReferenceSink {
    final List<String> order = new ArrayList<>();
    final Map<String, Reference> refs = new HashMap<>();

    @Override
    public void put(String key, Reference ref) {
      order.add(key);
      refs.put(key, ref);
    }

    @Override
    public void close() {}
  }

  @Test
  void batchesAreFetchedConcurrently_andTheOutputOrderIsTheSequentialOne() throws IOException {
    ReferenceSetBuilder b = ReferenceSets.builder();
    int k = 0;
    for (int i = 0; k < EMBEDDED; i++) {
      String key = String.format("a/%06d", i);
      if (i % 7 == 3) {
        b.put(key, Reference.range("slow://x/t99", 0, 100)); // at the threshold: passes through
      } else {
        b.put(key, Reference.range("slow://x/t" + k / Inliner.BATCH_KEYS, 10L * k, 10));
        k++;
      }
    }
    ReferenceSet set = b.build();
    SlowSource source = new SlowSource();
    Recording sink = new Recording();
    try (ReferenceReader reader =
        ReferenceReader.create(
            ReferenceFileSystemConfig.builder().sourceProvider(source).build())) {
      Summary s = ReferenceOps.inline(set, 100, reader, sink);
      assertThat(s.rewritten()).isEqualTo(EMBEDDED);
    }
    assertThat(source.most).as("targets read at once").isGreaterThan(1);
    assertThat(sink.order).isEqualTo(sequentialOrder(set));
    for (String key : sink.order) {
      Reference.Range in = (Reference.Range) set.get(key).orElseThrow();
      Reference out = sink.refs.get(key);
      if (in.length() == 100) {
        assertThat(out).isEqualTo(in);
      } else {
        int n = Integer.parseInt(in.target().substring("slow://x/t".length()));
        byte[] want = new byte[10];
        for (int j = 0; j < 10; j++) {
          want[j] = (byte) (in.offset() + j + n);
        }
        assertThat(((Reference.Inline) out).data()).as(key).isEqualTo(want);
      }
    }
  }

  /** The order a run that fetches one batch, then writes it, then goes on writes the keys in. */
  private static List<String> sequentialOrder(ReferenceSet set) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    try (Stream<String> keys = set.keys()) {
      keys.forEach(
          key -> {
            try {
              if (set.get(key).orElseThrow().length() < 100) {
                batch.add(key);
                if (batch.size() == Inliner.BATCH_KEYS) {
                  out.addAll(batch);
                  batch.clear();
                }
              } else {
                out.add(key);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    out.addAll(batch);
    return out;
  }
}
