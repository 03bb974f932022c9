package io.refzarr.cli;

import io.refzarr.internal.io.AtomicOutputs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run the launcher makes its class-data archive from (bin/refzarr, on its first run in a place:
 * the build, a fresh unpack): the common commands on the embedded demo data, one after another in
 * one JVM, so that the archive holds the classes and lambdas each of them loads. An archive made
 * from {@code demo} alone left a short {@code get}, {@code scan} or {@code combine} loading a
 * hundred classes from the jars and spinning their lambdas at every start.
 */
final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("refzarr-cds");
    int status = 0;
    try {
      DemoCommand.unpack(dir);
      PrintStream none = new PrintStream(OutputStream.nullOutputStream());
      for (List<String> run : runs(dir)) {
        status = Main.run(run.toArray(String[]::new), none, System.err);
        if (status != 0) {
          System.err.println("class-data training: " + String.join(" ", run) + " failed");
          break;
        }
      }
    } finally {
      AtomicOutputs.deleteTree(dir);
    }
    System.exit(status); // the launcher keeps the archive only after a clean run
  }

  private static List<List<String>> runs(Path dir) {
    String d = dir + "/";
    return List.of(
        List.of("demo"),
        List.of("scan", d + "nc4_cf.nc", "-o", d + "a.json"),
        List.of("scan", d + "nc4_cf.nc", "-o", d + "a.parq"),
        List.of("scan", d + "day_001.nc", d + "day_002.nc", "--output-dir", d + "days"),
        List.of("info", d + "a.json"),
        List.of("ls", d + "a.parq"),
        List.of("cat", d + "a.json", "temp/.zarray"),
        List.of("get", d + "a.json", "temp", "-o", d + "temp.npy"),
        List.of("get", d + "a.parq", "temp", "--slice", "0,0,0:2,0:2", "--json"),
        List.of("convert", d + "a.json", "-o", d + "b.parq"),
        List.of("combine", "--concat-dim", "time", d + "days/*.json", "-o", d + "c.json"),
        List.of(
            "scan-combine",
            "--concat-dim",
            "time",
            d + "day_001.nc",
            d + "day_002.nc",
            d + "day_003.nc",
            "-o",
            d + "d.json"));
  }
}
