package io.refzarr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Programs outside the JVM that interoperability tests drive (Python with zarr, GDAL, h5dump):
 * finding them, and running them with a time limit. Tests skip, with the reason, when a tool is
 * missing.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** What a finished program printed and returned. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * A Python interpreter that imports all of {@code modules}: {@code $REFZARR_PYTHON}, else {@code
   * python3} on the PATH, else Debian's {@code /usr/bin/python3} (where {@code python3-zarr}
   * installs zarr).
   */
  public static Optional<String> python(String... modules) {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("REFZARR_PYTHON")).ifPresent(candidates::add);
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    String probe = "import " + String.join(", ", modules);
    for (String python : candidates) {
      if (tryRun(60, python, "-c", probe).map(Result::ok).orElse(false)) {
        return Optional.of(python);
      }
    }
    return Optional.empty();
  }

  /** True when {@code command} runs (for example {@code gdalinfo --version}). */
  public static boolean available(String... command) {
    return tryRun(60, command).map(Result::ok).orElse(false);
  }

  /** True when a program of this name is on the PATH. */
  public static boolean onPath(String program) {
    return available("sh", "-c", "command -v \"$0\"", program);
  }

  /** Runs a program to its end (stdout and stderr together) or kills it after {@code seconds}. */
  public static Result run(long seconds, String... command)
      throws IOException, InterruptedException {
    return run(seconds, List.of(command));
  }

  /** Runs a program to its end (stdout and stderr together) or kills it after {@code seconds}. */
  public static Result run(long seconds, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("refzarr-tool", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return new Result(-1, "killed after " + seconds + " s: " + command + "\n" + read(out));
      }
      return new Result(p.exitValue(), read(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * A test resource of this package ({@code zarr_read_check.py}) copied to a file, for a program to
   * run.
   */
  public static Path script(String name) throws IOException {
    Path file = Files.createTempFile("refzarr-", "-" + name);
    file.toFile().deleteOnExit();
    try (InputStream in = ExternalTools.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(
            "no test resource " + name + " beside " + ExternalTools.class.getName());
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private static Optional<Result> tryRun(long seconds, String... command) {
    try {
      return Optional.of(run(seconds, command));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String read(Path out) throws IOException {
    return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
  }
}
