package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.refs.ReferenceSet;
import io.refzarr.refs.ReferenceSets;
import io.refzarr.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of issue 2 against kerchunk's golden set for nc4_cf.nc; and what the CLI's tests
 * share: running the CLI in process ({@link #run}), the daily series and its combination.
 */
class CliTest {
  static final Path CORPUS = Corpus.dir();
  static final String REFS = CORPUS.resolve("golden/nc4_cf.json").toString();

  record Result(int status, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command that must succeed (its stderr says why it did not). */
  static Result runOk(String... args) {
    Result r = run(args);
    assertThat(r.status()).as(r.err()).isZero();
    return r;
  }

  /**
   * Runs a command in a child JVM whose heap is capped at {@code maxHeap} (such as {@code 48m}),
   * for the tests of bounded memory; it must succeed within {@code minutes} (its output, kept in
   * {@code log}, says why it did not).
   */
  static void runInChildJvm(String maxHeap, Path log, int minutes, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(minutes, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(java.nio.file.Files.readString(log)).isZero();
  }

  /** The daily series' golden sets, day_001.json to day_005.json. */
  static final Path SERIES = CORPUS.resolve("golden/series");

  /** kerchunk's golden set of the five days combined. */
  static final Path SERIES_COMBINED = CORPUS.resolve("golden/series_combined.json");

  /** How the series combines: along time, latitude and longitude the same in every day. */
  static final List<String> SERIES_DIMS =
      List.of("--concat-dim", "time", "--identical-dim", "lat", "--identical-dim", "lon");

  /** The golden set of day {@code day} (1 to 5) of the series. */
  static Path seriesDay(int day) {
    return SERIES.resolve("day_00" + day + ".json");
  }

  /**
   * {@code combine} of {@code inputs} as the series combines, targets resolved in the corpus, then
   * {@code more} (the output, other options).
   */
  static String[] combineSeries(List<String> inputs, String... more) {
    List<String> args = new ArrayList<>(List.of("combine"));
    args.addAll(inputs);
    args.addAll(SERIES_DIMS);
    args.addAll(List.of("--root", CORPUS.toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /** The keys of {@code set}, sorted. */
  static List<String> sortedKeys(ReferenceSet set) throws IOException {
    try (Stream<String> keys = set.keys()) {
      return keys.sorted().collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * {@code actual} has the keys of the golden combined series, and for each of {@code keys} its
   * reference.
   */
  static void assertSeriesCombined(ReferenceSet actual, String... keys) throws IOException {
    ReferenceSet golden = ReferenceSets.readJson(SERIES_COMBINED);
    assertThat(sortedKeys(actual)).isEqualTo(sortedKeys(golden));
    for (String key : keys) {
      assertThat(actual.get(key)).as(key).isEqualTo(golden.get(key));
    }
  }

  @Test
  void ls_listsArraysAndKeys() {
    Result r = run("ls", REFS, "--root", CORPUS.toString());
    assertThat(r.status()).isZero();
    assertThat(r.text().lines()).contains("temp/", "precip/", ".zgroup", ".zattrs");
    Result chunks = run("ls", "-l", REFS, "/temp", "--root", CORPUS.toString());
    assertThat(chunks.text()).contains("0.0.0.0").contains("nc4_cf.nc [21170, +5409]");
  }

  @Test
  void cat_writesTheBytesOfTheRange() throws Exception {
    Result r = run("cat", REFS, "temp/0.0.0.0", "--root", CORPUS.toString());
    assertThat(r.status()).isZero();
    ByteBuffer expected = ByteBuffer.allocate(5409);
    try (FileChannel ch = FileChannel.open(CORPUS.resolve("nc4_cf.nc"))) {
      ch.read(expected, 21170);
    }
    assertThat(r.out()).isEqualTo(expected.array());
  }

  @Test
  void cat_ofSeveralKeys_writesTheirBytesOneAfterTheOther() throws Exception {
    String root = CORPUS.toString();
    Result both = run("cat", REFS, "temp/0.0.0.0", ".zgroup", "temp/.zarray", "--root", root);
    assertThat(both.status()).isZero();
    byte[] chunk = run("cat", REFS, "temp/0.0.0.0", "--root", root).out();
    byte[] group = run("cat", REFS, ".zgroup", "--root", root).out();
    byte[] zarray = run("cat", REFS, "temp/.zarray", "--root", root).out();
    assertThat(chunk).hasSize(5409);
    assertThat(group).isNotEmpty();
    ByteBuffer expected = ByteBuffer.allocate(chunk.length + group.length + zarray.length);
    expected.put(chunk).put(group).put(zarray);
    assertThat(both.out()).isEqualTo(expected.array());
  }

  @Test
  void info_summarisesArraysAndReferences() {
    Result r = run("info", REFS);
    assertThat(r.status()).isZero();
    assertThat(r.text())
        .contains("1 distinct targets")
        .containsPattern(
            "temp\\s+<f4\\s+shape \\[10, 3, 18, 36\\]\\s+chunks \\[1, 3, 18, 36\\]\\s+shuffle,zlib");
  }

  @Test
  void errors_areOneLineOnStderrWithNonZeroStatus() {
    Result missingKey = run("cat", REFS, "temp/9.9.9.9", "--root", CORPUS.toString());
    assertThat(missingKey.status()).isNotZero();
    assertThat(missingKey.err().strip()).isEqualTo("refzarr: no such file or key: /temp/9.9.9.9");
    Result missingTarget = run("cat", REFS, "temp/0.0.0.0", "--root", "/nonexistent");
    assertThat(missingTarget.status()).isNotZero();
    assertThat(missingTarget.err().lines().count()).isEqualTo(1);
    assertThat(missingTarget.err()).contains("temp/0.0.0.0").contains("nc4_cf.nc");
    Result badFile = run("info", CORPUS.resolve("nc4_cf.nc").toString());
    assertThat(badFile.status()).isNotZero();
    assertThat(badFile.err().lines().count()).isEqualTo(1);
  }

  @Test
  void demo_readsEverythingAndSaysOk() {
    Result r = run("demo");
    assertThat(r.status()).isZero();
    assertThat(r.text()).contains("demo OK").doesNotContain("MISMATCH");
  }

  @Test
  void help_everyCommandWithoutItsArguments_printsUsageAndSucceeds() {
    java.util.List<Class<?>> commands = Main.COMMANDS;
    assertThat(commands).hasSizeGreaterThanOrEqualTo(9);
    for (Class<?> command : commands) {
      String name = command.getAnnotation(Command.class).name();
      for (String help : new String[] {"--help", "-h"}) {
        Result r = run(name, help);
        assertThat(r.status()).as(name + " " + help + ": " + r.err()).isZero();
        assertThat(r.text()).as(name).startsWith("Usage: refzarr " + name).contains("-h, --help");
      }
    }
    Result top = run("--help");
    assertThat(top.status()).isZero();
    assertThat(top.text()).startsWith("Usage: refzarr").contains("scan-combine").contains("--root");
    for (Class<?> command : commands) { // all listed, though only named commands are built
      assertThat(top.text()).contains("  " + command.getAnnotation(Command.class).name() + " ");
    }
  }

  @Test
  void readingOptions_beforeTheCommand_apply() throws Exception {
    Result r = run("--root", CORPUS.toString(), "cat", REFS, "temp/0.0.0.0");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(cat("temp/0.0.0.0").out());
    Result missing = run("--root", "/nonexistent", "cat", REFS, "temp/0.0.0.0");
    assertThat(missing.status()).isNotZero();
    assertThat(missing.err()).contains("/nonexistent");
  }

  @Test
  void readingOptions_inBothPlaces_theCommandsWin(@TempDir Path dir) throws Exception {
    Result r =
        run("--root", "/nonexistent", "cat", REFS, "temp/0.0.0.0", "--root", CORPUS.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(cat("temp/0.0.0.0").out());

    // templates merge by name: the command's "d" wins over the global one, the global "f" stays
    Path refs =
        Files.writeString(
            dir.resolve("t.json"),
            "{\"version\": 1, \"templates\": {\"d\": \"/nonexistent\","
                + " \"f\": \"missing.nc\"}, \"refs\": {\"x\": [\"{{d}}/{{f}}\", 21170, 5409]}}");
    String corpus = CORPUS.toAbsolutePath().normalize().toString();
    Result templated =
        run(
            "--template",
            "d=/elsewhere",
            "--template",
            "f=nc4_cf.nc",
            "cat",
            refs.toString(),
            "x",
            "--template",
            "d=" + corpus);
    assertThat(templated.status()).as(templated.err()).isZero();
    assertThat(templated.out()).isEqualTo(r.out());
  }

  @Test
  void readingOptions_beforeACommandThatReadsNoSet_areRefused() {
    Result r = run("--root", CORPUS.toString(), "demo");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("refzarr demo does not take --root");
    Result combine =
        run("--template", "a=b", "combine", REFS, "--concat-dim", "time", "-o", "never.json");
    assertThat(combine.status()).isEqualTo(2);
    assertThat(combine.err()).contains("refzarr combine does not take");
    assertThat(Path.of("never.json")).doesNotExist();
  }

  private static Result cat(String key) {
    return run("cat", REFS, key, "--root", CORPUS.toString());
  }
}
