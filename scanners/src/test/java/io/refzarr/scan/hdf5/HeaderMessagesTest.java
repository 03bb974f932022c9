package io.refzarr.scan.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.UnsupportedHdfException;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.Message;
import io.jhdf.object.message.NilMessage;
import io.jhdf.object.message.ObjectHeaderContinuationMessage;
import io.jhdf.object.message.SymbolTableMessage;
import io.refzarr.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * refzarr's framing of object headers ({@link HeaderMessages}) against jhdf's own reading: on every
 * header jhdf reads whole, in the corpus and the real-world files, the same messages in the same
 * order; on the root of pyfive's {@code references.hdf5}, which jhdf cannot read whole, every
 * message but the one attribute holding region references.
 */
class HeaderMessagesTest {
  private final int[] versions = new int[3];
  private int headers;

  @Test
  void everyHeaderJhdfReadsWhole_isFramedToTheSameMessages() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String f : CorpusFiles.ALL) {
      files.add(Corpus.file(f));
    }
    try (Stream<Path> walk = Files.walk(Corpus.file("external"))) {
      walk.filter(p -> p.toString().matches(".*\\.(h5|hdf5|nc)$")).sorted().forEach(files::add);
    }
    for (Path file : files) {
      HdfFile hdf;
      try {
        hdf = new HdfFile(file);
      } catch (RuntimeException notHdf5) {
        continue; // netCDF-3, or a superblock jhdf cannot read
      }
      try (hdf) {
        compare(hdf, hdf, new HashSet<>(), file);
      }
    }
    assertThat(headers).isGreaterThan(250); // 294 when written
    assertThat(versions[1]).as("version-1 headers").isGreaterThan(100);
    assertThat(versions[2]).as("version-2 headers").isGreaterThan(100);
  }

  private void compare(HdfFile hdf, Node node, Set<Long> seen, Path file) {
    if (node.isLink() || !seen.add(node.getAddress())) {
      return;
    }
    ObjectHeader jhdf;
    try {
      jhdf = ObjectHeader.readObjectHeader(hdf.getHdfBackingStorage(), node.getAddress());
    } catch (RuntimeException cannot) {
      return; // compared on the file jhdf cannot read whole, below
    }
    HeaderMessages ours = HeaderMessages.read(hdf.getHdfBackingStorage(), node.getAddress());
    assertThat(ours.unread()).as("%s %s", file, node.getPath()).isEmpty();
    assertThat(kinds(ours.messages()))
        .as("%s %s", file, node.getPath())
        .isEqualTo(kinds(jhdf.getMessages()));
    headers++;
    versions[jhdf.getVersion()]++;
    if (node instanceof Group g) {
      try {
        g.getChildren().values().forEach(child -> compare(hdf, child, seen, file));
      } catch (RuntimeException cannot) {
        // a group jhdf cannot list: its children are not compared
      }
    }
  }

  /**
   * Message classes in order. Continuation messages are framing, not content; null messages carry
   * nothing (and jhdf reads a gap of 4 or 5 bytes at the end of a block with 6-byte message
   * headers, which the format leaves as a gap, as one more null message).
   */
  private static List<String> kinds(List<Message> messages) {
    return messages.stream()
        .filter(m -> !(m instanceof ObjectHeaderContinuationMessage || m instanceof NilMessage))
        .map(m -> m.getClass().getSimpleName())
        .toList();
  }

  @Test
  void aRegionReferenceAttribute_losesOnlyItself() throws IOException {
    try (HdfFile hdf =
        new HdfFile(Corpus.file("external/jjhelmus__pyfive/tests/references.hdf5"))) {
      assertThatThrownBy(
              () -> ObjectHeader.readObjectHeader(hdf.getHdfBackingStorage(), hdf.getAddress()))
          .hasRootCauseInstanceOf(UnsupportedHdfException.class);
      HeaderMessages root = HeaderMessages.read(hdf.getHdfBackingStorage(), hdf.getAddress());
      assertThat(root.ofType(SymbolTableMessage.class)).hasSize(1);
      assertThat(root.ofType(AttributeMessage.class))
          .extracting(AttributeMessage::getName)
          .containsExactly(
              "root_attr",
              "root_group_reference",
              "dataset1_reference",
              "group1_reference",
              "vlen_refs");
      assertThat(root.unread()).hasSize(1);
      HeaderMessages.Unread unread = root.unread().get(0);
      assertThat(unread.type()).isEqualTo(HeaderMessages.ATTRIBUTE);
      assertThat(unread.name()).isEqualTo("dataset1_region_reference");
      assertThat(Failures.describe(unread.cause()))
          .isEqualTo("dataset region references (no Zarr form)");
    }
  }

  @Test
  void noHeaderAtTheAddress_fails() throws IOException {
    try (HdfFile hdf =
        new HdfFile(Corpus.file("external/jjhelmus__pyfive/tests/references.hdf5"))) {
      assertThatThrownBy(() -> HeaderMessages.read(hdf.getHdfBackingStorage(), 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no object header");
    }
  }
}
