package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.refzarr.testing.MemorySource;
import java.io.IOException;
import java.util.Map;

/**
 * Fuzz targets for the tar and zip member indexes (README "Fuzzing"): any bytes as an archive
 * either fail with an {@link IOException} or give members that lie inside the archive, each
 * readable. Seeds: the corpus's archives and small tar/zip files ({@code
 * ArchiveIndexFuzzTestInputs}).
 */
class ArchiveIndexFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void tarIndex(byte[] archive) throws IOException {
    Map<String, ArchiveMember> members;
    try {
      members = TarIndex.read(new ContainerBytes(new MemorySource(archive), MemorySource.URL));
    } catch (IOException e) {
      return; // a documented failure: MalformedArchive-style IOException naming the offset
    }
    members.values().forEach(m -> assertInside(m, archive.length));
  }

  @FuzzTest(maxDuration = "10m")
  void zipIndex(byte[] archive) throws IOException {
    ZipIndex index;
    try {
      index = new ZipIndex(new ContainerBytes(new MemorySource(archive), MemorySource.URL));
    } catch (IOException e) {
      return;
    }
    for (String name : index.names()) {
      ArchiveMember m;
      try {
        m = index.member(name);
      } catch (IOException e) {
        continue; // compressed, encrypted or a damaged local header: refused, as documented
      }
      assertThat(m).isNotNull();
      assertInside(m, archive.length);
    }
  }

  private static void assertInside(ArchiveMember m, long archiveSize) {
    assertThat(m.size()).as(m.name()).isNotNegative();
    if (m.contiguous()) {
      assertThat(m.dataOffset() + m.size()).as(m.name()).isLessThanOrEqualTo(archiveSize);
    }
  }
}
