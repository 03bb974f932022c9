package io.refzarr.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refzarr.refs.Reference;
import org.junit.jupiter.api.Test;

/** {@link ArchiveMembers.Location#rebase}: references into a member as ranges of its archive. */
class ArchiveLocationTest {
  private final ArchiveMembers.Location member = new ArchiveMembers.Location("a.tar", 512, 1000);

  @Test
  void rangeMovesByTheMembersOffset_wholeMemberBecomesItsRange() {
    assertThat(member.rebase(new Reference.Range("tar://m::a.tar", 10, 20)))
        .isEqualTo(new Reference.Range("a.tar", 522, 20));
    assertThat(member.rebase(new Reference.Range("tar://m::a.tar", 980, 20)))
        .isEqualTo(new Reference.Range("a.tar", 1492, 20));
    assertThat(member.rebase(new Reference.Whole("tar://m::a.tar")))
        .isEqualTo(new Reference.Range("a.tar", 512, 1000));
  }

  @Test
  void rangePastTheMembersEnd_isRefused() {
    assertThatThrownBy(() -> member.rebase(new Reference.Range("tar://m::a.tar", 990, 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("past the member's end (1000 bytes)");
  }
}
