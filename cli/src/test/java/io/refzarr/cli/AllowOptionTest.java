package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --allow PREFIX}: the allow-list of targets on the commands that read a set. */
class AllowOptionTest {
  private static final Path CORPUS = Corpus.dir();
  private static final String REFS = CORPUS.resolve("golden/nc4_cf.json").toString();
  private static final String ROOT = CORPUS.toString();

  @Test
  void cat_withTheTargetsDirectoryAllowed_writesTheBytes() throws Exception {
    CliTest.Result r =
        CliTest.run("cat", REFS, "temp/0.0.0.0", "--root", ROOT, "--allow", ROOT + "/");
    assertThat(r.status()).as(r.err()).isZero();
    ByteBuffer expected = ByteBuffer.allocate(5409);
    try (FileChannel ch = FileChannel.open(CORPUS.resolve("nc4_cf.nc"))) {
      ch.read(expected, 21170);
    }
    assertThat(r.out()).isEqualTo(expected.array());
  }

  @Test
  void cat_withOtherPrefixesOnly_failsNamingKeyAndTarget_beforeOrAfterTheCommand() {
    CliTest.Result r =
        CliTest.run(
            "cat",
            REFS,
            "temp/0.0.0.0",
            "--root",
            ROOT,
            "--allow",
            "https://example.org/",
            "--allow",
            ROOT + "/golden/");
    assertThat(r.status()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("temp/0.0.0.0").contains("nc4_cf.nc").contains("allowed");

    CliTest.Result global =
        CliTest.run("--allow", "s3://bucket/", "cat", REFS, "temp/0.0.0.0", "--root", ROOT);
    assertThat(global.status()).isNotZero();
    assertThat(global.err()).contains("allowed");
  }

  @Test
  void allow_withARelativePrefix_isAUsageError() {
    CliTest.Result r = CliTest.run("cat", REFS, "temp/0.0.0.0", "--allow", "data/");
    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("data/");
  }
}
