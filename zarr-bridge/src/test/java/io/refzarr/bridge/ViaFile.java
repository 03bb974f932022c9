package io.refzarr.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Reads slices through {@link ZarrArray#readInto(Slice, FileChannel, long)} into a new file. */
final class ViaFile {
  private ViaFile() {}

  /** The bytes that a slice's values took in file {@code out} from {@code position} on. */
  static byte[] read(ZarrArray a, Slice s, long position, Path out) throws IOException {
    Files.deleteIfExists(out);
    try (FileChannel ch =
        FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      a.readInto(s, ch, position);
    }
    byte[] all = Files.readAllBytes(out);
    if (a.byteSize(s) == 0) {
      assertThat(all).isEmpty();
      return all;
    }
    assertThat(all.length).isEqualTo(position + a.byteSize(s));
    return Arrays.copyOfRange(all, (int) position, all.length);
  }

  static ArrayLayout layoutOf(ZarrArray a) throws IOException {
    return MetadataReader.readArray(a.path(), a.path().getFileName().toString());
  }
}
