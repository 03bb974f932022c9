package io.refzarr.cli;

import static io.refzarr.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.cli.CliTest.Result;
import io.refzarr.refs.ReadOptions;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.s3.LocalS3;
import io.refzarr.testing.Corpus;
import io.refzarr.testing.Retarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command reads s3:// targets and scans s3:// inputs, against s3proxy. */
class S3CommandsTest {
  @TempDir Path tmp;

  private static List<String> s3Options(LocalS3 s3) {
    List<String> args = new ArrayList<>();
    LocalS3.options(s3.endpoint())
        .forEach(
            (k, v) -> {
              args.add("--remote-option");
              args.add(k + "=" + v);
            });
    return args;
  }

  @Test
  void verifyAndInline_s3Targets() throws Exception {
    try (LocalS3 s3 = new LocalS3();
        ReferenceSet local =
            ReferenceSets.open(Corpus.file("golden/nc4_cf.json"), ReadOptions.DEFAULT)) {
      s3.createBucket("data");
      s3.put("data", "nc4_cf.nc", Corpus.bytes("nc4_cf.nc"));
      Path refs = tmp.resolve("s3.json");
      ReferenceSets.writeJson(Retarget.of(local, t -> "s3://data/" + t), refs);

      List<String> verify = new ArrayList<>(List.of("verify", refs.toString(), "--decode"));
      verify.addAll(s3Options(s3));
      Result v = run(verify.toArray(String[]::new));
      assertThat(v.status()).as(v.text() + v.err()).isZero();
      assertThat(v.err()).contains("45 references checked, 0 failed");

      Path out = tmp.resolve("inlined.json");
      List<String> inline =
          new ArrayList<>(
              List.of("inline", refs.toString(), "--threshold", "100000", "-o", out.toString()));
      inline.addAll(s3Options(s3));
      Result i = run(inline.toArray(String[]::new));
      assertThat(i.status()).as(i.err()).isZero();
      try (ReferenceSet result = ReferenceSets.open(out, ReadOptions.DEFAULT)) {
        Reference.Range r = (Reference.Range) local.get("temp/0.0.0.0").orElseThrow();
        byte[] want =
            java.util.Arrays.copyOfRange(
                Corpus.bytes("nc4_cf.nc"), (int) r.offset(), (int) r.end());
        assertThat(((Reference.Inline) result.get("temp/0.0.0.0").orElseThrow()).data())
            .isEqualTo(want);
      }
    }
  }

  @Test
  void scan_s3Input() throws Exception {
    try (LocalS3 s3 = new LocalS3()) {
      s3.createBucket("inputs");
      s3.put("inputs", "nc3_classic.nc", Corpus.bytes("nc3_classic.nc"));
      Path out = tmp.resolve("scan.json");
      List<String> scan =
          new ArrayList<>(List.of("scan", "s3://inputs/nc3_classic.nc", "-o", out.toString()));
      scan.addAll(s3Options(s3));
      Result r = run(scan.toArray(String[]::new));
      assertThat(r.status()).as(r.text() + r.err()).isZero();
      assertThat(Files.readString(out)).contains("s3://inputs/nc3_classic.nc");
    }
  }
}
