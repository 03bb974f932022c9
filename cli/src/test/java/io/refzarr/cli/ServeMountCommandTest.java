package io.refzarr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refzarr serve} and {@code refzarr mount} as separate processes, as a user runs them: they
 * announce where they serve, answer a reader, and stop cleanly on SIGTERM (the mount point is
 * released).
 */
@Timeout(120)
class ServeMountCommandTest {
  private static final String CORPUS = CliTest.CORPUS.toAbsolutePath().normalize().toString();

  @Test
  void serve_answersAndStopsOnSigterm() throws Exception {
    Process p = refzarr("serve", CliTest.REFS, "--port", "0", "--root", CORPUS);
    try {
      String line = firstLine(p);
      assertThat(line).startsWith("serving ").contains("http://127.0.0.1:");
      URI base =
          URI.create(
              line.substring(line.indexOf("http://"), line.indexOf(' ', line.indexOf("http://"))));
      HttpResponse<byte[]> chunk =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.resolve("temp/0.0.0.0")).build(),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertThat(chunk.statusCode()).isEqualTo(200);
      assertThat(chunk.body()).isEqualTo(source(21170, 5409));
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
  }

  @Test
  void mount_readsAndReleasesTheMountPointOnSigterm(@TempDir Path mountPoint) throws Exception {
    assumeTrue(
        Files.exists(Path.of("/dev/fuse")), "/dev/fuse is missing: this machine cannot mount FUSE");
    Process p = refzarr("mount", CliTest.REFS, mountPoint.toString(), "--root", CORPUS);
    try {
      String line = firstLine(p);
      assumeTrue(!line.contains("libfuse"), line);
      assertThat(line).startsWith("mounted ");
      Path mp = mountPoint.toRealPath();

      assertThat(mounted(mp)).isTrue();
      assertThat(Files.readAllBytes(mp.resolve("temp/0.0.0.0"))).isEqualTo(source(21170, 5409));
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    assertThat(mounted(mountPoint.toRealPath())).as("mount point released").isFalse();
  }

  /** Runs {@code refzarr ARGS} in a new JVM with this test's class path. */
  private static Process refzarr(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(Arrays.asList(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String firstLine(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (IOException e) {
                    return "read failed: " + e;
                  }
                })
            .get(60, TimeUnit.SECONDS);
    return String.valueOf(line);
  }

  private static boolean mounted(Path mp) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(l -> l.contains(" " + mp + " "));
  }

  private static byte[] source(int offset, int length) throws IOException {
    return Arrays.copyOfRange(
        Files.readAllBytes(CliTest.CORPUS.resolve("nc4_cf.nc")), offset, offset + length);
  }
}
