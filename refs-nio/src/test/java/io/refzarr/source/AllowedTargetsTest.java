package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rules of {@link AllowedTargets}, on URIs alone (no I/O). */
class AllowedTargetsTest {
  private static boolean allows(String prefix, String target) {
    return AllowedTargets.of(List.of(prefix)).refusal(URI.create(target)).isEmpty();
  }

  @Test
  void prefix_matchesAtSegmentBoundariesOnly() {
    assertThat(allows("https://host/data", "https://host/data")).isTrue();
    assertThat(allows("https://host/data", "https://host/data/a.nc")).isTrue();
    assertThat(allows("https://host/data", "https://host/database.nc")).isFalse();
    assertThat(allows("https://host", "https://host/a.nc")).isTrue();
    assertThat(allows("https://host", "https://host.evil/a.nc")).isFalse();
    assertThat(allows("https://host/", "https://host:8443/a.nc")).isFalse();
  }

  @Test
  void canonicalForm_ignoresCaseOfSchemeAndHost_defaultPorts_userInfo() {
    assertThat(allows("https://Host/d/", "HTTPS://host:443/d/a.nc")).isTrue();
    assertThat(allows("http://host/d/", "http://user:pw@host:80/d/a.nc")).isTrue();
    assertThat(allows("file:/data/", "file://localhost/data/a.nc")).isTrue();
    assertThat(allows("/data/", "file:///data/./x/../a.nc")).isTrue();
  }

  @Test
  void dotDotSegments_areAppliedOrRefused_alsoPercentEncoded() {
    assertThat(allows("file:/data/", "file:///data/../etc/passwd")).isFalse();
    assertThat(allows("file:/data/", "file:///data/%2e%2e/etc/passwd")).isFalse();
    assertThat(allows("https://host/", "https://host/../../etc")).isFalse();
    assertThat(allows("s3://bucket/k/", "s3://bucket/k/%2E%2E/x")).isFalse();
  }

  @Test
  void chainedUrls_areCheckedOnTheInnermostUrl_andTheirMemberNames() {
    assertThat(allows("s3://bucket/", "tar://m.nc::s3://bucket/a.tar")).isTrue();
    assertThat(allows("s3://bucket/", "tar://m.nc::zip://a.tar::s3://bucket/b.zip")).isTrue();
    assertThat(allows("s3://bucket/", "tar://m.nc::s3://other/a.tar")).isFalse();
    assertThat(allows("s3://bucket/", "tar://../m.nc::s3://bucket/a.tar")).isFalse();
  }

  @Test
  void prefixes_mustBeAbsolute_andNotChained_andAtLeastOne() {
    assertThatThrownBy(() -> AllowedTargets.of(List.of("data/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllowedTargets.of(List.of("tar://m::s3://b/a.tar")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllowedTargets.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AllowedTargets.ANY.refusal(URI.create("file:///etc/passwd"))).isEmpty();
  }
}
