package io.refzarr.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyPathTest {

  private static KeyPath p(String s) {
    return KeyPath.parse(s);
  }

  @Test
  void parse_slashesCollapse_andAbsoluteIsKept() {
    assertThat(p("/a//b/").toString()).isEqualTo("/a/b");
    assertThat(p("a/b").isAbsolute()).isFalse();
    assertThat(p("/").nameCount()).isZero();
    assertThat(p("").isEmpty()).isTrue();
    assertThatThrownBy(() -> p("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parentAndFileName_followUnixRules() {
    assertThat(p("/a/b").parent()).isEqualTo(p("/a"));
    assertThat(p("/a").parent()).isEqualTo(KeyPath.ROOT);
    assertThat(KeyPath.ROOT.parent()).isNull();
    assertThat(p("a").parent()).isNull();
    assertThat(p("/a/b").fileName()).isEqualTo(p("b"));
    assertThat(KeyPath.ROOT.fileName()).isNull();
  }

  @Test
  void normalize_removesDotsAndResolvesDotDot() {
    assertThat(p("/a/./b/../c").normalize()).isEqualTo(p("/a/c"));
    assertThat(p("/../a").normalize()).isEqualTo(p("/a"));
    assertThat(p("../a/..").normalize()).isEqualTo(p(".."));
    assertThat(p("a/../../b").normalize()).isEqualTo(p("../b"));
  }

  @Test
  void resolveAndRelativize_areInverse() {
    KeyPath base = p("/temp/sub");
    assertThat(base.resolve(p("0.0"))).isEqualTo(p("/temp/sub/0.0"));
    assertThat(base.resolve(p("/x"))).isEqualTo(p("/x"));
    assertThat(base.relativize(p("/temp/other/1"))).isEqualTo(p("../other/1"));
    assertThat(base.resolve(base.relativize(p("/temp/other/1"))).normalize())
        .isEqualTo(p("/temp/other/1"));
    assertThat(base.resolveSibling(p("z"))).isEqualTo(p("/temp/z"));
    assertThatThrownBy(() -> base.relativize(p("rel")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsWithEndsWithSubpath_compareWholeNames() {
    assertThat(p("/temp/0.0").startsWith(p("/temp"))).isTrue();
    assertThat(p("/temperature").startsWith(p("/temp"))).isFalse();
    assertThat(p("/temp/0.0").startsWith(p("temp"))).isFalse();
    assertThat(p("/temp/0.0").endsWith(p("0.0"))).isTrue();
    assertThat(p("/temp/0.0").endsWith(p("/temp/0.0"))).isTrue();
    assertThat(p("/a/b/c").subpath(1, 3)).isEqualTo(p("b/c"));
    assertThatThrownBy(() -> p("/a").subpath(0, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toKey_isTheNormalizedAbsolutePathWithoutLeadingSlash() {
    assertThat(p("/temp/0.0").toKey()).isEqualTo("temp/0.0");
    assertThat(KeyPath.ROOT.toKey()).isEmpty();
    assertThat(KeyPath.ofKey("a/b")).isEqualTo(p("/a/b"));
  }
}
