package io.refzarr.source;

import java.util.Set;

/** The built-in {@code tar} and {@code zip} member source (chained URLs over any other source). */
final class ArchiveMemberReaderProvider implements ByteRangeReaderProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("tar", "zip");
  }

  @Override
  public ByteRangeReader create(SourceContext context) {
    return new ArchiveMemberReader(context.registry());
  }
}
