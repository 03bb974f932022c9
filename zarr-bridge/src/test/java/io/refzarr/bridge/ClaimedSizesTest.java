package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.refzarr.bridge.codec.CodecException;
import io.refzarr.bridge.codec.CodecPipeline;
import io.refzarr.nio.ReferenceFileSystemConfig;
import io.refzarr.nio.ReferenceFileSystems;
import io.refzarr.nio.ReferenceView;
import io.refzarr.refs.ReferenceSets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sizes that an encoded chunk claims in its own header are checked against the decoded size the
 * metadata implies, or a cap, before anything of that size is allocated (issue 16, finding 4); a
 * chunk that decodes to more than that (a decompression bomb, {@link Bombs}) fails as soon as it
 * passes it, on every path that reads chunks, and having allocated little: what the reading thread
 * allocates is measured (the array reads on the calling thread), so the test does not depend on the
 * heap it is given.
 */
class ClaimedSizesTest {
  private static final byte[] DATA = new byte[100];

  static {
    for (int i = 0; i < DATA.length; i++) {
      DATA[i] = (byte) (i * 7);
    }
  }

  @Test
  void blosc_headerClaimingA2GiBBlock_isRejectedBeforeAllocating() throws CodecException {
    byte[] frame = bloscCopyStreams(DATA, Integer.MAX_VALUE);
    CodecPipeline blosc = CodecPipeline.zarrV2(Map.of("id", "blosc"), List.of());

    assertThatThrownBy(() -> blosc.decode(frame, DATA.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("blocksize 2147483647");
  }

  @Test
  void blosc_honestFrame_decodes() throws CodecException {
    CodecPipeline blosc = CodecPipeline.zarrV2(Map.of("id", "blosc"), List.of());
    byte[] shuffled = new byte[DATA.length];
    for (int i = 0; i < DATA.length; i++) {
      shuffled[(i % 4) * 25 + i / 4] = DATA[i];
    }

    assertThat(blosc.decode(bloscCopyStreams(shuffled, DATA.length), DATA.length)).isEqualTo(DATA);
  }

  @Test
  void blosc_unknownSizeClaimingTooMuch_isRejectedBeforeAllocating() throws CodecException {
    byte[] frame = bloscCopyStreams(DATA, DATA.length);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Integer.MAX_VALUE - 64);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE - 64);
    CodecPipeline stringsAfterBlosc =
        CodecPipeline.zarrV2(Map.of("id", "blosc"), List.of(Map.of("id", "vlen-utf8")));

    assertThatThrownBy(() -> stringsAfterBlosc.decodeStrings(frame, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("blosc header claims 2147483583 bytes");
  }

  @Test
  void lz4_unknownSizePrefixBeyondAnyRatio_isRejectedBeforeAllocating() throws CodecException {
    byte[] block = {(byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f, 0x10, 'a'};
    CodecPipeline stringsAfterLz4 =
        CodecPipeline.zarrV2(Map.of("id", "lz4"), List.of(Map.of("id", "vlen-utf8")));

    assertThatThrownBy(() -> stringsAfterLz4.decodeStrings(block, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("lz4 size prefix claims 2147483632 bytes");
  }

  // A 1024-element int32 chunk: 4 KiB.
  private static final int ELEMENTS = 1024;
  // Far below the 1 GiB a bomb decodes to, far above what reading a 4 KiB chunk needs.
  private static final long NUMERIC_ALLOCATION = 64L << 20;
  // A chunk of strings has no size before it is decoded: it is bounded by a cap of 256 MiB, and the
  // bytes held up to it may be copied once as the buffer grows.
  private static final long STRINGS_ALLOCATION = 640L << 20;

  @TempDir Path tmp;

  /** A compressor and a bomb for it. */
  enum Bomb {
    ZLIB("{\"id\":\"zlib\",\"level\":9}", Bombs::zlib),
    GZIP("{\"id\":\"gzip\",\"level\":9}", () -> Bombs.gzip(Bombs.SIZE)),
    GZIP_TRAILER_LIES("{\"id\":\"gzip\",\"level\":9}", () -> Bombs.gzip(ELEMENTS * 4)),
    DEFLATE("{\"id\":\"deflate\"}", () -> Bombs.zipMember(false)),
    DEFLATE_DESCRIPTOR("{\"id\":\"deflate\"}", () -> Bombs.zipMember(true)),
    ZSTD("{\"id\":\"zstd\",\"level\":3}", () -> Bombs.zstd(true)),
    ZSTD_UNDECLARED("{\"id\":\"zstd\",\"level\":3}", () -> Bombs.zstd(false)),
    LZ4("{\"id\":\"lz4\",\"acceleration\":1}", Bombs::lz4),
    BLOSC_200MIB(
        "{\"id\":\"blosc\",\"cname\":\"blosclz\",\"clevel\":5,\"shuffle\":0}",
        () -> Bombs.blosc(200 << 20));

    final String compressor;
    private final Supplier<byte[]> frame;
    private byte[] built;

    Bomb(String compressor, Supplier<byte[]> frame) {
      this.compressor = compressor;
      this.frame = frame;
    }

    synchronized byte[] frame() {
      if (built == null) {
        built = frame.get();
      }
      return built;
    }

    String codec() {
      return compressor.replaceAll(".*\"id\":\"([a-z0-9]+)\".*", "$1");
    }
  }

  /** The filters between a compressor and the chunk. */
  enum Filters {
    NONE("null", "<i4"),
    // delta leaves the compressor's output size to the filter's own item sizes
    DELTA("[{\"id\":\"delta\",\"dtype\":\"<i4\",\"astype\":\"<i2\"}]", "<i4"),
    STRINGS("[{\"id\":\"vlen-utf8\"}]", "|O");

    final String json;
    final String dtype;

    Filters(String json, String dtype) {
      this.json = json;
      this.dtype = dtype;
    }

    long allocation() {
      return this == STRINGS ? STRINGS_ALLOCATION : NUMERIC_ALLOCATION;
    }
  }

  /** The public ways a chunk is read and decoded. */
  enum Route {
    READ,
    READ_INTO,
    DECODED_VIEW
  }

  static Stream<Arguments> bombs() {
    return Stream.of(Bomb.values())
        .flatMap(
            b ->
                Stream.of(Filters.values())
                    .flatMap(
                        f ->
                            Stream.of(Route.values())
                                // strings are not read into buffers
                                .filter(p -> f != Filters.STRINGS || p != Route.READ_INTO)
                                .map(p -> Arguments.of(b, f, p))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("bombs")
  void bomb_failsAsTheChunkSizeIsPassed_havingAllocatedLittle(
      Bomb bomb, Filters filters, Route route) throws Exception {
    byte[] frame = bomb.frame();
    String zarray =
        "{\"zarr_format\":2,\"shape\":["
            + ELEMENTS
            + "],\"chunks\":["
            + ELEMENTS
            + "],\"dtype\":\""
            + filters.dtype
            + "\",\"fill_value\":null,\"order\":\"C\",\"compressor\":"
            + bomb.compressor
            + ",\"filters\":"
            + filters.json
            + "}";
    Path dir = tmp.resolve("a");
    LocalStores.write(dir.resolve(".zarray"), zarray);
    LocalStores.write(dir.resolve("0"), frame);
    ZarrArray array = ZarrArray.open(dir, Runnable::run);
    var set =
        ReferenceSets.builder()
            .putInline("a/.zarray", zarray.getBytes(StandardCharsets.UTF_8))
            .putInline("a/0", frame)
            .build();

    try (FileSystem view =
        ReferenceFileSystems.newFileSystem(
            set, ReferenceFileSystemConfig.builder().view(ReferenceView.DECODED).build())) {
      assertFailsHavingAllocatedLittle(bomb, filters.allocation(), () -> read(route, array, view));
    }
  }

  static Stream<Arguments> shardedBombs() {
    return Stream.of(Bomb.GZIP, Bomb.GZIP_TRAILER_LIES, Bomb.ZSTD, Bomb.ZSTD_UNDECLARED)
        .flatMap(b -> Stream.of(Route.READ, Route.READ_INTO).map(p -> Arguments.of(b, p)));
  }

  /**
   * A Zarr v3 shard compressed as a whole after {@code sharding_indexed}: its size is known only as
   * a bound (its index and inner chunks at their largest), and the bomb fails at that bound.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shardedBombs")
  void shardedV3_bombAfterTheShard_failsAtTheShardsBound(Bomb bomb, Route route) throws Exception {
    String meta =
        "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":["
            + ELEMENTS
            + "],\"data_type\":\"int32\",\"chunk_grid\":{\"name\":\"regular\","
            + "\"configuration\":{\"chunk_shape\":["
            + ELEMENTS
            + "]}},\"fill_value\":0,\"codecs\":[{\"name\":\"sharding_indexed\",\"configuration\":"
            + "{\"chunk_shape\":[256],\"codecs\":[{\"name\":\"bytes\",\"configuration\":"
            + "{\"endian\":\"little\"}}],\"index_codecs\":[{\"name\":\"bytes\",\"configuration\":"
            + "{\"endian\":\"little\"}}],\"index_location\":\"end\"}},{\"name\":\""
            + bomb.codec()
            + "\",\"configuration\":{\"level\":1}}]}";
    LocalStores.write(tmp.resolve("zarr.json"), meta);
    LocalStores.write(tmp.resolve("c/0"), bomb.frame());
    ZarrArray array = ZarrArray.open(tmp, Runnable::run);

    assertFailsHavingAllocatedLittle(bomb, NUMERIC_ALLOCATION, () -> read(route, array, null));
  }

  private static void read(Route route, ZarrArray array, FileSystem view) throws IOException {
    switch (route) {
      case READ -> array.read();
      case READ_INTO -> array.readInto(Slice.all(array.shape()), ByteBuffer.allocate(ELEMENTS * 4));
      case DECODED_VIEW -> Files.readAllBytes(view.getPath("/a/0"));
    }
  }

  /**
   * {@code read} fails on the bomb with the chunk's typed exception, naming the codec, having
   * allocated less than {@code limit} bytes on this thread.
   */
  private static void assertFailsHavingAllocatedLittle(
      Bomb bomb, long limit, ThrowingCallable read) {
    long before = allocated();
    Throwable thrown = catchThrowable(read);
    long allocated = allocated() - before;

    assertThat(thrown)
        .isInstanceOf(ChunkDecodeException.class)
        .hasCauseInstanceOf(CodecException.class)
        .hasMessageContaining(bomb.codec());
    assertThat(allocated).as("bytes allocated: %s", thrown.getMessage()).isLessThan(limit);
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  // A Blosc 1 frame of one block holding one stream stored raw (length == decoded size),
  // byte-shuffled
  // with 4-byte elements; blocksize is whatever the header should claim.
  private static byte[] bloscCopyStreams(byte[] stream, int blocksize) {
    int cbytes = 16 + 4 + 4 + stream.length;
    ByteBuffer b = ByteBuffer.allocate(cbytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 2)
        .put((byte) 1)
        .put((byte) 0x11)
        .put((byte) 4); // byte shuffle, not split, blosclz
    b.putInt(stream.length).putInt(blocksize).putInt(cbytes);
    b.putInt(20).putInt(stream.length).put(stream);
    return b.array();
  }
}
