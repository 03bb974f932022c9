package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.zarr.ZarrArrayMetadata;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --view}: the same set presented raw or decoded, after the command or before it. */
class ViewOptionTest {
  static final String ROOT = CliTest.CORPUS.toString();

  @Test
  void cat_decodedView_zarrayHasNoCodecs_rawKeepsThem() throws Exception {
    CliTest.Result raw = CliTest.run("cat", CliTest.REFS, "temp/.zarray", "--root", ROOT);
    CliTest.Result decoded =
        CliTest.run("--view", "decoded", "cat", CliTest.REFS, "temp/.zarray", "--root", ROOT);

    assertThat(raw.status()).as(raw.err()).isZero();
    assertThat(decoded.status()).as(decoded.err()).isZero();
    ZarrArrayMetadata before = parse(raw.text());
    ZarrArrayMetadata after = parse(decoded.text());
    assertThat(before.compressor() != null || !before.filters().isEmpty()).isTrue();
    assertThat(after.compressor()).isNull();
    assertThat(after.filters()).isEmpty();
    assertThat(after.shape()).isEqualTo(before.shape());
    assertThat(after.dtype()).isEqualTo(before.dtype());
  }

  @Test
  void view_unknownValue_isAUsageError() {
    CliTest.Result r =
        CliTest.run("cat", CliTest.REFS, "temp/.zarray", "--root", ROOT, "--view", "cooked");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--view");
  }

  private static ZarrArrayMetadata parse(String text) throws Exception {
    return ZarrArrayMetadata.parse(text.trim().getBytes(StandardCharsets.UTF_8));
  }
}
