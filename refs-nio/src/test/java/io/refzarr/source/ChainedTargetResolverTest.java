package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Chained URLs and fsspec's caching prefixes in reference targets. */
class ChainedTargetResolverTest {
  private final Path root = Path.of("/data/corpus");
  private final TargetResolver resolver = new TargetResolver(root, "file", Optional.empty());

  @Test
  void resolve_chainedWithRelativeArchive_resolvesTheArchiveAgainstRoot() {
    URI uri = resolver.resolve("tar://day_001.nc::archives/bundle.tar");
    ChainedUrl c = ChainedUrl.parse(uri);
    assertThat(c.scheme()).isEqualTo("tar");
    assertThat(c.member()).isEqualTo("day_001.nc");
    assertThat(c.container()).isEqualTo(root.resolve("archives/bundle.tar").toUri());
  }

  @Test
  void resolve_nestedChain_keepsEveryLevel() {
    ChainedUrl outer =
        ChainedUrl.parse(resolver.resolve("tar://in/m.nc::zip://a.tar::s3://bucket/b.zip"));
    assertThat(outer.member()).isEqualTo("in/m.nc");
    ChainedUrl inner = ChainedUrl.parse(outer.container());
    assertThat(inner.scheme()).isEqualTo("zip");
    assertThat(inner.member()).isEqualTo("a.tar");
    assertThat(inner.container()).isEqualTo(URI.create("s3://bucket/b.zip"));
  }

  @Test
  void resolve_memberWithSpacesAndPercent_roundTrips() {
    ChainedUrl c = ChainedUrl.parse(resolver.resolve("zip://my dir/50% a.nc::/data/x y.zip"));
    assertThat(c.member()).isEqualTo("my dir/50% a.nc");
    assertThat(c.container()).isEqualTo(Path.of("/data/x y.zip").toUri());
  }

  @Test
  void resolve_cachingPrefix_isDropped() {
    assertThat(resolver.resolve("simplecache::s3://bucket/key.nc"))
        .isEqualTo(URI.create("s3://bucket/key.nc"));
    assertThat(resolver.resolve("filecache::https://host/a.nc"))
        .isEqualTo(URI.create("https://host/a.nc"));
  }
}
